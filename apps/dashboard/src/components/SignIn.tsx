import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchDemoUsers } from "../lib/api";
import type { Lang } from "../lib/format";
import type { Messages } from "../lib/i18n";
import { decodeToken } from "../lib/jwt";
import { keys } from "../lib/queries";

export function SignIn(props: {
  t: Messages;
  lang: Lang;
  message: string | null;
  busy: boolean;
  onToken: (token: string) => void;
}) {
  const { t, lang } = props;
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const demo = useQuery({ queryKey: keys.demoUsers, queryFn: fetchDemoUsers }).data;

  const submit = (raw: string) => {
    const info = decodeToken(raw);
    if (!info) {
      setError(t.badToken);
      return;
    }
    setError(null);
    props.onToken(raw.trim());
  };

  return (
    <div className="signin">
      <h1>{t.signInTitle}</h1>
      {props.message && (
        <p className="notice" role="alert" data-testid="signin-message">
          {props.message}
        </p>
      )}
      {props.busy && <p className="muted">{t.determiningRange}</p>}
      {demo && demo.length > 0 && (
        <section>
          <h2>{t.demoUsers}</h2>
          <p className="muted">{t.demoHint}</p>
          <div className="demo-users">
            {demo.map((u) => (
              <button
                type="button"
                key={u.key}
                className="demo-user"
                data-testid={`demo-${u.key}`}
                disabled={props.busy}
                onClick={() => submit(u.token)}
              >
                <strong>{u.name}</strong>
                <span>{lang === "en" ? u.descriptionEn : u.descriptionZh}</span>
                <span className="muted">
                  {u.scope} · {u.roles.join(", ")}
                </span>
              </button>
            ))}
          </div>
        </section>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(token);
        }}
      >
        <label>
          {t.pasteToken}
          <textarea
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder={t.tokenPlaceholder}
            rows={3}
            data-testid="token-input"
          />
        </label>
        {error && <p className="error">{error}</p>}
        <button type="submit" disabled={props.busy || token.trim() === ""}>
          {t.signInWithToken}
        </button>
      </form>
    </div>
  );
}
