import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * PostgreSQL text cannot hold U+0000: a name, description, search or reason carrying it would fail in
 * the database as an unexpected error. Refusing it here, once for every operation, gives the client a
 * clear answer before anything runs, instead of a guard in every field that stores text.
 */
export function refuseNulCharacters(): Plugin {
  return {
    onParams({ params, setResult }) {
      // Malformed params (a query that is not a string, …) are yoga's to refuse, with its own message.
      const query = typeof params.query === "string" ? params.query : "";
      const variables =
        params.variables && typeof params.variables === "object" ? JSON.stringify(params.variables) : "";
      if (variables.includes("\\u0000") || query.includes("\\u0000") || query.includes("\u0000")) {
        setResult({
          errors: [
            createGraphQLError("Text may not contain the NUL character (U+0000).", {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            }),
          ],
        });
      }
    },
  };
}
