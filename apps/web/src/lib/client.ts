import { Client, cacheExchange, fetchExchange } from "urql";

/**
 * One urql client for the console. Requests go to the same origin, so the HttpOnly session cookie is
 * sent; the CSRF header tells yoga this is not a form post from another site. Queries use POST: yoga's
 * CSRF prevention refuses header-less GETs, and URLs end up in logs.
 */
export function createConsoleClient(url = "/graphql"): Client {
  return new Client({
    url,
    preferGetMethod: false,
    fetchOptions: { credentials: "same-origin", headers: { "x-graphql-yoga-csrf": "1" } },
    exchanges: [cacheExchange, fetchExchange],
    requestPolicy: "cache-and-network",
  });
}
