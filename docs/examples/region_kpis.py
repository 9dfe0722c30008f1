#!/usr/bin/env python3
"""HSA Graph: one region's KPIs for a range of quarters (Python standard library only).

示例：查询一个地区在若干季度内的指标（只用 Python 标准库）。

    HSA_TOKEN=<your token> python3 region_kpis.py --region 430671 --from 2022Q1 --to 2022Q4 \
        --domain enrollment --metric enrollment.remote_registration

Prints one line per metric: region, range, Chinese name, value with unit, numerator/denominator and
status. --csv writes the same as CSV (UTF-8 with BOM, opens in Excel/WPS). The token decides what you
may see: a city office's token answers for its own city only (other regions: FORBIDDEN).
"""
import argparse
import csv
import json
import os
import sys
import urllib.error
import urllib.request

QUERY = """
query RegionKpis($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
  region(code: $code) {
    code
    name
    kpis: %sKpis(from: $from, to: $to, metrics: $metrics) {
      metric { id nameZh nameEn unit }
      total { value numerator denominator status flags }
    }
  }
}
"""


def graphql(url, token, query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode("utf-8")
    req = urllib.request.Request(
        url,
        data=body,
        headers={"content-type": "application/json", "authorization": "Bearer " + token},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            answer = json.loads(res.read().decode("utf-8"))
    except urllib.error.HTTPError as err:  # 401 and other HTTP errors still carry a GraphQL body
        answer = json.loads(err.read().decode("utf-8") or "{}")
    errors = answer.get("errors") or []
    if errors:
        first = errors[0]
        code = (first.get("extensions") or {}).get("code", "ERROR")
        raise SystemExit("%s: %s" % (code, first.get("message")))
    return answer["data"]


def main():
    p = argparse.ArgumentParser(description="One region's KPIs for a range of quarters / 地区指标查询")
    p.add_argument("--url", default=os.environ.get("HSA_GRAPHQL_URL", "http://127.0.0.1:4000/graphql"))
    p.add_argument("--token", default=os.environ.get("HSA_TOKEN"))
    p.add_argument("--region", required=True, help="region code, e.g. 150700 (GB/T 2260)")
    p.add_argument("--from", dest="frm", required=True, help="first quarter, e.g. 2022Q1")
    p.add_argument("--to", required=True, help="last quarter, e.g. 2022Q4")
    p.add_argument("--domain", default="enrollment", help="enrollment | procurement | payment | supervision")
    p.add_argument("--metric", action="append", help="metric id (repeatable); default: all of the domain")
    p.add_argument("--csv", help="also write the rows to this CSV file")
    args = p.parse_args()
    if not args.token:
        raise SystemExit("no token: pass --token or set HSA_TOKEN")
    if not args.domain.isidentifier():
        raise SystemExit("bad domain name")
    data = graphql(
        args.url,
        args.token,
        QUERY % args.domain,
        {"code": args.region, "from": args.frm, "to": args.to, "metrics": args.metric},
    )
    region = data["region"]
    rows = []
    for s in region["kpis"]:
        m, t = s["metric"], s["total"]
        value = "—" if t["value"] is None else "%.2f" % t["value"]
        rows.append([region["code"], region["name"], args.frm, args.to, m["id"], m["nameZh"], value, m["unit"],
                     t["numerator"], t["denominator"], t["status"], " ".join(t["flags"])])
        print("%s %s %s–%s %s %s%s (%s / %s) %s" % (region["code"], region["name"], args.frm, args.to, m["nameZh"],
                                                   value, m["unit"], t["numerator"], t["denominator"], t["status"]))
    if args.csv:
        with open(args.csv, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(["地区代码", "地区", "起始季度", "截止季度", "指标", "指标名称", "数值", "单位", "分子", "分母", "状态", "数据质量"])
            w.writerows(rows)


if __name__ == "__main__":
    main()
