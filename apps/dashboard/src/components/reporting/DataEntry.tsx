import { useEffect, useMemo, useState } from "react";
import type { RegionRef } from "../../lib/api";
import { buildForms, formById } from "../../lib/forms";
import { domainLabel } from "../../lib/i18n";
import { addQuarters, currentQuarter, quarterLabel } from "../../lib/quarters";
import { fetchReportingUnits, reportableQuarters } from "../../lib/reporting";
import type { PageProps } from "./common";
import type { Loadable } from "./FormField";
import { ReportForm } from "./ReportForm";
import { useLayouts } from "./useLayouts";

export default function DataEntry(props: PageProps) {
  const { token, info, view, t, lang, navigate, onAuthError, onRegionName } = props;
  // The forms are made from the layouts the graph answers (no form is written by hand).
  const layouts = useLayouts(token, props.domains, onAuthError);
  const forms = useMemo(() => (layouts ? buildForms(layouts) : []), [layouts]);
  const spec = formById(forms, view.form) ?? forms[0];
  const [units, setUnits] = useState<Loadable<RegionRef[]>>({ status: "loading" });

  useEffect(() => {
    let live = true;
    fetchReportingUnits(token, info.scope)
      .then((u) => {
        if (!live) return;
        if (u.region) onRegionName(u.region.code, u.region.name);
        setUnits({ status: "ok", value: u.counties });
      })
      .catch((err: unknown) => {
        if (!live || onAuthError(err)) return;
        setUnits({ status: "error", message: (err as Error).message });
      });
    return () => {
      live = false;
    };
  }, [token, info.scope, onAuthError, onRegionName]);

  const unitList = units.status === "ok" ? units.value : [];
  const unit = view.unit ?? unitList[0]?.code ?? null;
  const quarter = view.quarter ?? addQuarters(currentQuarter(), -1);
  const quarters = useMemo(() => reportableQuarters(), []);

  return (
    <div className="reporting-page" data-testid="page-entry">
      <div className="toolbar">
        <h1 className="page-title">{t.navEntry}</h1>
        <label>
          {t.reportForm}
          <select
            value={spec?.id ?? ""}
            onChange={(e) => navigate({ form: e.target.value }, false)}
            data-testid="entry-form"
          >
            {forms.map((f) => (
              <option key={f.id} value={f.id}>
                {domainLabel(f.domain, lang)} · {lang === "en" ? f.en : f.zh}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.county}
          <select
            value={unit ?? ""}
            onChange={(e) => navigate({ unit: e.target.value }, false)}
            data-testid="entry-unit"
            disabled={unitList.length === 0}
          >
            {unitList.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}（{u.code}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.reportQuarter}
          <select
            value={quarter}
            onChange={(e) => navigate({ quarter: e.target.value }, false)}
            data-testid="entry-quarter"
          >
            {quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!info.roles.includes("reporter") && !info.roles.includes("admin") && (
        <p className="notice" role="alert">
          {t.notReporter}
        </p>
      )}
      {(units.status === "loading" || !spec) && (
        <div className="card skeleton tall" role="status" aria-busy="true" aria-label={t.loading} />
      )}
      {units.status === "error" && (
        <p className="notice" role="alert">
          {t.error}: {units.message}
        </p>
      )}
      {units.status === "ok" && unitList.length === 0 && <p className="empty">{t.noCounties}</p>}
      {spec && unit && units.status === "ok" && unitList.length > 0 && (
        <ReportForm
          key={`${spec.id}|${unit}|${quarter}`}
          {...props}
          spec={spec}
          unit={unit}
          unitName={unitList.find((u) => u.code === unit)?.name ?? unit}
          quarter={quarter}
        />
      )}
    </div>
  );
}
