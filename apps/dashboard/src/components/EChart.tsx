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
import { useEffect, useRef } from "react";

use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

/** Tests set window.__HSA_NO_ANIMATION__ before screenshots. */
function animationOff(): boolean {
  return (window as unknown as { __HSA_NO_ANIMATION__?: boolean }).__HSA_NO_ANIMATION__ === true;
}

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

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (p) => click.current?.(String(p.name), p.dataIndex));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: !animationOff(), ...props.option }, true);
  }, [props.option]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ width: "100%", height: props.height }}
    />
  );
}
