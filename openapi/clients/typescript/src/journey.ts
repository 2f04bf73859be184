// A whole citizen journey through the generated client, against a running `make run`:
// register, create a team, a second citizen joins by code, enter a challenge, create a
// submission, upload a notebook, submit, read the preview. Every call is typed by
// openapi/openapi.yaml, so a contract change that breaks a client fails `tsc` first.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { minkaClient, ok, present } from "./client";
import type { components } from "./generated/minka";

type PhaseWindow = components["schemas"]["PhaseWindow"];

const api = process.env.MINKA_API ?? "http://localhost:8080";
const issuer = process.env.MINKA_ISSUER ?? "http://localhost:8090/minka";
const notebookPath =
  process.env.MINKA_NOTEBOOK ?? "/work/shared/data/notebooks/test4.5.ipynb";

let step = 0;
const started = Date.now();
function say(what: string): void {
  step += 1;
  const ms = String(Date.now() - started).padStart(6);
  console.log(`[${ms} ms] ${String(step).padStart(2)}. ${what}`);
}

/** A token from the dev issuer, the same request as the README's curl line. */
async function token(clientId: string): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: "dev",
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  return present(`access_token for ${clientId} (HTTP ${response.status})`, body.access_token);
}

function windows(submissionOpens: Date): PhaseWindow[] {
  const day = 24 * 3600 * 1000;
  const at = (offsetDays: number) =>
    new Date(submissionOpens.getTime() + offsetDays * day).toISOString();
  return [
    { phase: "REGISTRATION", opensAt: at(-14), closesAt: at(0) },
    { phase: "SUBMISSION", opensAt: at(0), closesAt: at(21) },
    { phase: "JUDGING", opensAt: at(21), closesAt: at(28) },
    { phase: "VOTING", opensAt: at(22), closesAt: at(28) },
    { phase: "RESULTS", opensAt: at(28), closesAt: at(81) },
  ];
}

async function main(): Promise<void> {
  const run = Date.now().toString(36);
  const now = new Date(Math.floor(Date.now() / 60000) * 60000);
  const admin = minkaClient(api, () => adminToken);
  const ana = minkaClient(api, () => anaToken);
  const beto = minkaClient(api, () => betoToken);
  const adminToken = await token("admin");
  const anaToken = await token(`ana-${run}`);
  const betoToken = await token(`beto-${run}`);
  say(`tokens from ${issuer} for admin, ana-${run} and beto-${run}`);

  // the stage: an organizer's edition with one challenge, open for registration
  const event = ok(
    "create event",
    await admin.POST("/api/v1/events", {
      body: {
        slug: `client-journey-${run}`,
        title: `Datatón del cliente TypeScript ${run}`,
        timezone: "America/Lima",
        phases: windows(new Date(now.getTime() + 24 * 3600 * 1000)),
      },
    }),
  );
  const eventId = present("event id", event.id);
  const challenge = ok(
    "create challenge",
    await admin.POST("/api/v1/events/{eventId}/challenges", {
      params: { path: { eventId } },
      body: {
        title: "Dengue en la Amazonía",
        statement: "Relaciona los casos semanales de dengue con la lluvia.",
        datasets: [
          {
            title: "Vigilancia epidemiológica de dengue",
            landingUrl:
              "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue",
          },
        ],
      },
    }),
  );
  const challengeId = present("challenge id", challenge.id);
  ok("publish", await admin.POST("/api/v1/events/{eventId}/publish", { params: { path: { eventId } } }));
  say(`organizer set up event ${event.slug} (${eventId}) with challenge "${challenge.title}"`);

  // 1. a citizen registers
  const me = ok("me", await ana.GET("/api/v1/me"));
  const registration = ok(
    "register",
    await ana.POST("/api/v1/events/{eventId}/registrations", {
      params: { path: { eventId } },
      body: { region: "Loreto", skills: ["python"], termsVersion: "2026-11" },
    }),
  );
  say(`citizen ${me.email} registered (region ${registration.region}, user ${me.id})`);

  // 2. creates a team
  const team = ok(
    "create team",
    await ana.POST("/api/v1/events/{eventId}/teams", {
      params: { path: { eventId } },
      body: { name: `Los Zancudos ${run}` },
    }),
  );
  const teamId = present("team id", team.id);
  const joinCode = present("join code (members see it)", team.joinCode);
  say(`created team "${team.name}" (${teamId}), join code ${joinCode}`);

  // 3. a second citizen registers and joins by code
  ok(
    "second registration",
    await beto.POST("/api/v1/events/{eventId}/registrations", {
      params: { path: { eventId } },
      body: { region: "Cusco", termsVersion: "2026-11" },
    }),
  );
  const joined = ok(
    "join by code",
    await beto.POST("/api/v1/events/{eventId}/teams/join", {
      params: { path: { eventId } },
      body: { joinCode },
    }),
  );
  const members = present("members", joined.members);
  say(`second citizen joined by code: ${members.length} members (${members.map((m) => m.role).join(", ")})`);

  // 4. the team enters the challenge
  const entered = ok(
    "enter challenge",
    await ana.POST("/api/v1/events/{eventId}/teams/{teamId}/challenges", {
      params: { path: { eventId, teamId } },
      body: { challengeId },
    }),
  );
  say(`team entered challenge ${challengeId}: ${JSON.stringify(entered.challengeIds)}`);

  // the organizer closes registration and opens SUBMISSION
  ok(
    "open submission",
    await admin.PUT("/api/v1/events/{eventId}/phases", {
      params: { path: { eventId } },
      body: { phases: windows(now) },
    }),
  );
  say("organizer closed REGISTRATION and opened SUBMISSION");

  // 5. creates a submission
  const submission = ok(
    "create submission",
    await ana.POST("/api/v1/events/{eventId}/submissions", {
      params: { path: { eventId } },
      body: {
        teamId,
        challengeId,
        title: "Lluvia y dengue en Loreto",
        summary: "Cruzamos la **vigilancia semanal** con la precipitación acumulada.",
        licence: "CC-BY-4.0",
        datasets: [{ url: "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue", title: "Dengue" }],
      },
    }),
  );
  const submissionId = present("submission id", submission.id);
  say(`created draft submission "${submission.title}" (${submissionId})`);

  // 6. uploads a notebook (multipart, streamed by the server)
  const bytes = await readFile(notebookPath);
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "application/x-ipynb+json" }), basename(notebookPath));
  const artifact = ok(
    "upload notebook",
    await ana.POST("/api/v1/submissions/{submissionId}/artifacts", {
      params: { path: { submissionId }, query: { kind: "NOTEBOOK" } },
      body: { file: basename(notebookPath) },
      bodySerializer: () => form,
    }),
  );
  const artifactId = present("artifact id", artifact.id);
  say(
    `uploaded ${artifact.filename} (${artifact.sizeBytes} bytes, sha256 ${artifact.sha256?.slice(0, 12)}…, preview ${artifact.hasPreview})`,
  );

  // 7. submits
  const version = ok(
    "submit",
    await ana.POST("/api/v1/submissions/{submissionId}/submit", {
      params: { path: { submissionId } },
    }),
  );
  say(`submitted version ${version.number} at ${version.submittedAt}`);

  // 8. reads the preview
  const preview = ok(
    "preview",
    await ana.GET("/api/v1/submissions/{submissionId}/artifacts/{artifactId}/preview", {
      params: { path: { submissionId, artifactId } },
      parseAs: "text",
    }),
  );
  if (!preview.includes("<")) {
    throw new Error("the preview is not HTML");
  }
  say(`read the notebook preview: ${preview.length} characters of sanitized HTML`);
  console.log(`client-journey: ok steps=${step} ms=${Date.now() - started} event=${eventId}`);
}

main().catch((error: unknown) => {
  console.error(`client-journey: FAILED at step ${step + 1}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
