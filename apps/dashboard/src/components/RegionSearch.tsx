// The region picker's search box (a WAI-ARIA combobox): type a name or a code (屈原, 430671) and
// pick a region anywhere in scope. The directory of regions is fetched once, on first focus.
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { fetchRegionDirectory } from "../lib/api";
import type { Messages } from "../lib/i18n";
import { keys } from "../lib/queries";
import { type DirectoryEntry, searchRegions } from "../lib/regionSearch";

/** Keyed by the token where used: a new sign-in (another scope) starts with a fresh list. */
export function RegionSearch(props: { token: string; t: Messages; onPick: (code: string) => void }) {
  const { t } = props;
  const id = useId();
  const [query, setQuery] = useState("");
  // Fetched once per sign-in (the token is in the key), on first focus; after a failure the
  // next focus tries again.
  const [wanted, setWanted] = useState(false);
  const directory = useQuery({
    queryKey: keys.directory(props.token),
    queryFn: () => fetchRegionDirectory(props.token),
    enabled: wanted,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const entries = directory.data ?? null;
  const failed = directory.isError;
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const load = () => {
    if (!wanted) setWanted(true);
    else if (failed) void directory.refetch();
  };

  const matches = entries ? searchRegions(entries, query) : [];
  const expanded = open && query.trim() !== "";
  const pick = (e: DirectoryEntry) => {
    props.onPick(e.code);
    setQuery("");
    setOpen(false);
    input.current?.blur();
  };

  return (
    <div className="region-search">
      <label htmlFor={`${id}-input`}>{t.searchRegion}</label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && matches[active] ? `${id}-opt-${active}` : undefined}
        placeholder={t.searchRegionPlaceholder}
        autoComplete="off"
        value={query}
        data-testid="region-search"
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            const m = matches[active];
            if (m) {
              e.preventDefault();
              pick(m);
            }
          } else if (e.key === "Escape") {
            setQuery("");
            setOpen(false);
          }
        }}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={t.searchRegion}
        className="search-list"
        hidden={!expanded}
        data-testid="region-search-results"
      >
        {expanded && !entries && !failed && <div className="muted">{t.searchLoading}</div>}
        {expanded && failed && <div className="muted">{t.unavailable}</div>}
        {expanded && entries && matches.length === 0 && <div className="muted">{t.searchNone}</div>}
        {expanded &&
          matches.map((m, i) => (
            <div
              key={m.code}
              tabIndex={-1}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              data-testid={`region-option-${m.code}`}
              // mousedown, not click: it comes before the input's blur closes the list
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              <span>{m.name}</span>
              <small className="muted">
                {m.parentName ? `${m.parentName} · ` : ""}
                {t[`level${m.level}`]} · {m.code}
              </small>
            </div>
          ))}
      </div>
    </div>
  );
}
