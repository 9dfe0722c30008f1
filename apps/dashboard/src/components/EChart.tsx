// ECharts through echarts/core: only the charts and components used are registered.

import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import { BarChart, LineChart } from "echarts/charts";
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import { GridComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";

use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

/** Tests set window.__HSA_NO_ANIMATION__ before screenshots. */
function animationOff(): boolean {
  return (window as unknown as { __HSA_NO_ANIMATION__?: boolean }).__HSA_NO_ANIMATION__ === true;
}

/**
 * One ECharts canvas. Its container carries `data-rendered="true"` once ECharts has fired
 * `finished` (drawn, animation over) for the current `option` and size, and `"false"` from the
 * render that passes a new option (or from a resize) until then: tests wait on it before
 * screenshots instead of on a fixed delay.
 */
export default function EChart(props: {
  option: ChartOption;
  height: number;
  onClickName?: (name: string, dataIndex: number) => void;
  testId?: string;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const click = useRef(props.onClickName);
  click.current = props.onClickName;
  const chart = useRef<ReturnType<typeof init> | null>(null);
  /** The option last given to setOption, and the one ECharts last finished drawing. */
  const applied = useRef<ChartOption | null>(null);
  const [finished, setFinished] = useState<ChartOption | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (p) => click.current?.(String(p.name), p.dataIndex));
    c.on("finished", () => setFinished(applied.current));
    const ro = new ResizeObserver(() => {
      // The new layout is drawn on a later frame: not rendered until ECharts finishes again.
      setFinished(null);
      c.resize();
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    applied.current = props.option;
    chart.current?.setOption({ animation: !animationOff(), ...props.option }, true);
  }, [props.option]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      data-rendered={finished !== null && finished === props.option ? "true" : "false"}
      style={{ width: "100%", height: props.height }}
    />
  );
}
