# Minka: the two commands are `make run` and `make test`.
MVN ?= mvn -B
REDOCLY ?= @redocly/cli@2.77.0

.PHONY: run test race bench-sse lint openapi modules format jar jar-aot infra-up infra-down clean help

help:
	@echo "make run      start Minka with embedded PostgreSQL, S3Proxy, a dev OIDC issuer and demo data"
	@echo "make test     run the whole suite (format check, unit, integration, contract, jar smoke test)"
	@echo "make openapi  regenerate openapi/openapi.yaml from the running app"
	@echo "make modules  check the module structure and table ownership, and redraw docs/architecture/ (module diagrams)"
	@echo "make race     run the concurrency tests (team size, challenge cap, help claim, cross-instance SSE, two instances: jobs, idempotency, rate limits) 20 rounds in a row"
	@echo "make faults   shutdown, PostgreSQL restart and storage outage tests, ROUNDS=10 runs in a row; prints one line"
	@echo "make bench-sse  500 SSE subscribers on one instance receive one broadcast; prints the delivery time"
	@echo "make lint     lint openapi/openapi.yaml with Redocly (needs npm)"
	@echo "make format   apply the code formatter"
	@echo "make jar      build the production jar (backend/target/minka-backend.jar)"
	@echo "make bench-upload  stream 1 GiB through the API and straight to S3; compare throughput and heap"
	@echo "make bench-teams   organizer team list, team search and CSV exports at Peru's size; prints medians"
	@echo "make e2e-browser  headless Chromium signs in through Swagger UI as the demo citizen and calls GET /api/v1/me (needs apt-get install -y chromium, npm; not in make test)"
	@echo "make e2e-client   generate the TypeScript client from openapi/openapi.yaml, tsc --strict, run a citizen journey (needs npm; not in make test)"
	@echo "make bench-judging  assignment, score load, aggregation and Schulze finals at national scale (1,000 submissions, 60 judges); prints medians"
	@echo "make bench-vote    the production jar's cast endpoint from outside (64 connections, signed JWTs, 6,000 voters, rate limits on) vs the same ballot SQL over R2DBC, alternated 3 rounds, p50/p99 at half the peak, 1,000 SSE tally subscribers; prints vote-round, tally-fanout: and vote-bench:"
	@echo "make bench-read    public reads of the production jar vs a bare WebFlux hello, with wrk (apt-get install -y wrk)"
	@echo "make bench-startup production jar (AppCDS, and AppCDS with Spring AOT): launch to readiness UP and RSS after 60 s idle, 5 runs; prints medians"
	@echo "make e2e-keycloak  real Keycloak (Maven Central zip, JDK 21+) + Minka; PKCE login journey (not in make test)"
	@echo "make image    OCI image tarball with Jib, no Docker daemon (backend/target/minka-api-image.tar), then check it"
	@echo "make k8s-check  parse infra/k8s/*.yaml and assert probes, resources, PDB, HPA, ingress, secrets (no cluster)"
	@echo "make infra-up / infra-down  PostgreSQL, MinIO, Keycloak and the image in Docker (infra/compose.yaml)"

run: export MINKA_DATA_DIR ?= $(CURDIR)/.minka-data
run:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dspring-boot.run.main-class=org.minka.LocalMinkaApplication test-compile spring-boot:test-run

test:
	$(MVN) verify

openapi:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dtest=OpenApiContractTests -Dsurefire.failIfNoSpecifiedTests=false -Dminka.openapi.write=true test

modules:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dtest='ArchitectureTests,TableOwnershipTests,ModuleDiagramTests' -Dsurefire.failIfNoSpecifiedTests=false -Dminka.docs.write=true test

race:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dminka.test.timeout=0 -Dtest='TeamIntegrationTests#*Race*,HelpRequestIntegrationTests#claim*,NotificationIntegrationTests#commentMade*,MultiInstanceIntegrationTests' -Dsurefire.failIfNoSpecifiedTests=false -Dminka.race.rounds=20 test
	@echo "team-size, challenge-cap, help-request claim, cross-instance SSE, and two instances (jobs once, idempotency keys, rate limits): 20 rounds each, all passed"

bench-sse:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dtest=NotificationBroadcastIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false -Dminka.sse.subscribers=500 test
	@grep -h "sse-broadcast:" backend/target/surefire-reports/org.minka.notification.NotificationBroadcastIntegrationTests-output.txt

lint:
	npx --yes $(REDOCLY) lint openapi/openapi.yaml

format:
	$(MVN) -q spotless:apply

jar:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true package

# the same jar with Spring's ahead-of-time bean definitions (run it with -Dspring.aot.enabled=true)
jar-aot:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -Paot package

infra-up:
	docker compose -f infra/compose.yaml up -d

infra-down:
	docker compose -f infra/compose.yaml down

clean:
	$(MVN) -q clean

# submission module
.PHONY: bench-upload
bench-upload:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
	java -Xmx512m -cp backend/target/test-classes:backend/target/classes:$$(cat backend/target/bench.classpath) org.minka.submission.UploadBenchmark

# infra: Keycloak end to end, image, Kubernetes manifests
.PHONY: e2e-keycloak image k8s-check
e2e-keycloak:
	MVN="$(MVN)" infra/e2e/keycloak-e2e.sh

# Base image: JIB_FROM=eclipse-temurin:17-jre (or any registry image) when a registry is
# reachable; by default a local Debian JRE 17 base tarball (infra/image/debian-jre-base.sh).
JIB_BASE_TAR := backend/target/jib-base/debian12-jre17.tar
JIB_FROM ?= tar://$(CURDIR)/$(JIB_BASE_TAR)
image:
	@case "$(JIB_FROM)" in tar://$(CURDIR)/$(JIB_BASE_TAR)) [ -f $(JIB_BASE_TAR) ] || infra/image/debian-jre-base.sh $(JIB_BASE_TAR);; esac
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true compile jib:buildTar -Djib.from.image=$(JIB_FROM)
	infra/image/check-image.sh backend/target/minka-api-image.tar

SNAKEYAML := $(HOME)/.m2/repository/org/yaml/snakeyaml/2.5/snakeyaml-2.5.jar
k8s-check:
	@[ -f $(SNAKEYAML) ] || $(MVN) -q dependency:get -Dartifact=org.yaml:snakeyaml:2.5 -Dtransitive=false
	java -cp $(SNAKEYAML) infra/k8s/CheckManifests.java infra/k8s

# team module: organizer views at Peru's size (2,600 citizens, 800 teams, 150 challenges)
.PHONY: bench-teams
bench-teams:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dminka.test.timeout=0 -Dtest=TeamScaleBenchmark -Dminka.bench.teams=true -Dsurefire.failIfNoSpecifiedTests=false test
	@grep -h "^BENCH" backend/target/surefire-reports/org.minka.team.TeamScaleBenchmark-output.txt

# faults: graceful shutdown, PostgreSQL restart, object storage outage (docs/operations-faults.md)
.PHONY: faults
ROUNDS ?= 10
FAULT_TESTS := GracefulShutdownIntegrationTests,DatabaseRestartIntegrationTests,StorageOutageIntegrationTests
faults:
	@start=$$(date +%s); $(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dminka.test.timeout=0 -Dtest='$(FAULT_TESTS)' -Dsurefire.failIfNoSpecifiedTests=false -Dminka.race.rounds=$(ROUNDS) test > backend/target/faults-run.log 2>&1 \
	  || { tail -60 backend/target/faults-run.log; echo "faults: FAILED within $(ROUNDS) rounds (backend/target/faults-run.log)"; exit 1; }; \
	echo "faults: graceful shutdown, PostgreSQL restart and storage outage, $(ROUNDS) rounds each in a row, all passed in $$(( $$(date +%s) - start )) s"

# clients: Swagger UI sign-in in a real browser, and the generated TypeScript client. Both use the
# Minka at MINKA_API when it answers, or start `make run` (PORT, MINKA_ISSUER_PORT, MINKA_DATA_DIR)
# in the background and stop it afterwards.
.PHONY: e2e-browser e2e-client
e2e-browser:
	@[ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Chromium is missing: apt-get install -y chromium"; exit 1; }
	cd openapi/clients/e2e-browser && npm ci --no-audit --no-fund --loglevel=error
	openapi/clients/with-local-run.sh node openapi/clients/e2e-browser/swagger-sign-in.mjs

e2e-client:
	cd openapi/clients/typescript && npm ci --no-audit --no-fund --loglevel=error
	cd openapi/clients/typescript && npm run --silent generate && npx tsc --strict --noEmit -p .
	openapi/clients/with-local-run.sh sh -c 'cd openapi/clients/typescript && npx tsx src/journey.ts'

# judging module: national scale (150 challenges, 1,000 counted submissions, 60 judges)
.PHONY: bench-judging
bench-judging:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dminka.test.timeout=0 -Dtest=JudgingBenchIntegrationTests -Dminka.bench.judging=true -Dsurefire.failIfNoSpecifiedTests=false test
	@grep -h "^judging-bench" backend/target/surefire-reports/org.minka.judging.JudgingBenchIntegrationTests-output.txt

# speed: public reads and start-up of the production jar, measured from outside (not in make test)
.PHONY: bench-read bench-startup bench-classpath
BENCH_CP = $(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
bench-classpath: jar
	$(BENCH_CP)
bench-read: bench-classpath
	infra/bench/read-bench.sh
# the jar built ahead of time (-Paot), so that the "aot" variant can run it with
# -Dspring.aot.enabled=true; the other variants run the same jar without
bench-startup: jar-aot
	$(BENCH_CP)
	infra/bench/startup-bench.sh

# voting module
.PHONY: bench-vote
bench-vote: bench-classpath
	infra/bench/vote-bench.sh
