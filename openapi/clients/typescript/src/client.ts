// How a SPA (or any TypeScript program) calls Minka: one typed client per signed-in user.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./generated/minka";

export type Minka = ReturnType<typeof createClient<paths>>;

/** A client that sends the user's access token on every request. */
export function minkaClient(baseUrl: string, accessToken?: () => string | undefined): Minka {
  const client = createClient<paths>({ baseUrl });
  const bearer: Middleware = {
    onRequest({ request }) {
      const token = accessToken?.();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
  client.use(bearer);
  return client;
}

/** The body of a successful call, or an error that carries the problem+json body. */
export function ok<T>(
  step: string,
  result: { data?: T; error?: unknown; response: Response },
): NonNullable<T> {
  if (result.error !== undefined || result.data === undefined || result.data === null) {
    throw new Error(
      `${step}: HTTP ${result.response.status} ${JSON.stringify(result.error ?? result.data)}`,
    );
  }
  return result.data as NonNullable<T>;
}

/** A field the contract marks optional but this step needs. */
export function present<T>(what: string, value: T | null | undefined): T {
  if (value === undefined || value === null) {
    throw new Error(`${what} is missing from the response`);
  }
  return value;
}
