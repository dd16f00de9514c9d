import { useEffect, useState } from "react";

/** What the server tells the console before anyone signs in (`/web-config.json`). */
export type WebConfig = {
  /** The demo data is loaded (the sign-in page names the demo accounts). */
  demo: boolean;
  /** Nobody owns this Tessera yet: the way in is the setup link in the server log. */
  setupPending: boolean;
  /** Tessera sends email (SMTP is set): password resets and invitations go by email. */
  email: boolean;
};

const fallback: WebConfig = { demo: false, setupPending: false, email: false };

/** The server's console settings; the fallback until they arrive (or when they cannot be read). */
export function useWebConfig(): WebConfig {
  const [config, setConfig] = useState(fallback);
  useEffect(() => {
    fetch("/web-config.json")
      .then((response) => (response.ok ? response.json() : fallback))
      .then((value: Partial<WebConfig>) => setConfig({ ...fallback, ...value }))
      .catch(() => setConfig(fallback));
  }, []);
  return config;
}
