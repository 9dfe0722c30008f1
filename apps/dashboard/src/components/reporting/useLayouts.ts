/** The report layouts of the session's domains (the entry forms and the import help are built from them). */
import { useEffect, useState } from "react";
import { type DomainLayouts, fetchLayouts } from "../../lib/layouts";

/** null while loading; a domain that failed answers no layouts (its hand-written forms stay). */
export function useLayouts(
  token: string,
  domains: readonly string[],
  onAuthError: (err: unknown) => boolean,
): DomainLayouts[] | null {
  const [layouts, setLayouts] = useState<DomainLayouts[] | null>(null);
  const key = domains.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the domains are compared by their names
  useEffect(() => {
    let live = true;
    void fetchLayouts(token, domains).then((all) => {
      if (!live) return;
      for (const d of all) if (d.error !== undefined && onAuthError(d.error)) return;
      setLayouts(all);
    });
    return () => {
      live = false;
    };
  }, [token, key, onAuthError]);
  return layouts;
}
