# Minka: the two commands are `make run` and `make test`.
MVN ?= mvn -B
REDOCLY ?= @redocly/cli@2.77.0

.PHONY: run test race bench-sse lint openapi modules format jar infra-up infra-down clean help

help:
	@echo "make run      start Minka with embedded PostgreSQL, S3Proxy, a dev OIDC issuer and demo data"
	@echo "make test     run the whole suite (format check, unit, integration, contract, jar smoke test)"
	@echo "make openapi  regenerate openapi/openapi.yaml from the running app"
	@echo "make modules  check the module structure and table ownership, and redraw docs/architecture/ (module diagrams)"
	@echo "make race     run the concurrency tests (team size, challenge cap, help claim, cross-instance SSE) 20 rounds in a row"
	@echo "make bench-sse  500 SSE subscribers on one instance receive one broadcast; prints the delivery time"
	@echo "make lint     lint openapi/openapi.yaml with Redocly (needs npm)"
	@echo "make format   apply the code formatter"
	@echo "make jar      build the production jar (backend/target/minka-backend.jar)"
	@echo "make bench-upload  stream 1 GiB through the API and straight to S3; compare throughput and heap"

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
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dtest='TeamIntegrationTests#*Race*,HelpRequestIntegrationTests#claim*,NotificationIntegrationTests#commentMade*' -Dsurefire.failIfNoSpecifiedTests=false -Dminka.race.rounds=20 test
	@echo "team-size, challenge-cap, help-request claim and cross-instance SSE: 20 rounds each, all passed"

bench-sse:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true -Dtest=NotificationBroadcastIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false -Dminka.sse.subscribers=500 test
	@grep -h "sse-broadcast:" backend/target/surefire-reports/org.minka.notification.NotificationBroadcastIntegrationTests-output.txt

lint:
	npx --yes $(REDOCLY) lint openapi/openapi.yaml

format:
	$(MVN) -q spotless:apply

jar:
	$(MVN) -q -DskipTests -Dspotless.check.skip=true package

infra-up:
	docker compose -f infra/docker-compose.yml up --build -d

infra-down:
	docker compose -f infra/docker-compose.yml down

clean:
	$(MVN) -q clean

# submission module
.PHONY: bench-upload
bench-upload:
	$(MVN) -q -f backend/pom.xml -Dspotless.check.skip=true test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
	java -Xmx512m -cp backend/target/test-classes:backend/target/classes:$$(cat backend/target/bench.classpath) org.minka.submission.UploadBenchmark
