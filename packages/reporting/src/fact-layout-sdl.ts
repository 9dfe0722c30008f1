// The GraphQL types of `Query.<domain>ReportLayouts` (./fact-layout.ts), shared by every subgraph.

/** The shared GraphQL types of layouts (identical in every subgraph, @shareable). */
export const reportLayoutSharedSDL = /* GraphQL */ `
"上报字段的类型。The kind of a reported field."
enum ReportFieldKind {
  "县级区划代码。A county-level region code."
  REGION
  "季度（YYYYQn）。A quarter (YYYYQn)."
  QUARTER
  "非负整数。A whole number ≥ 0."
  COUNT
  "金额（元，最多两位小数）。An amount in yuan, at most two decimals."
  YUAN
  "文本。Text."
  TEXT
  "枚举（choices 之一）。One of the choices."
  ENUM
  "小数（如系数，最多 decimals 位小数）。A decimal number (e.g. a coefficient), at most decimals places."
  DECIMAL
  "日期（YYYY-MM-DD）。A date (YYYY-MM-DD)."
  DATE
}

"客户端如何检查一条规则。How a client can check a rule."
enum ReportRuleCheck {
  "合计不超过上限（Σ sum ≤ Σ atMost）。Σ sum ≤ Σ atMost."
  AT_MOST
  "日期字段不晚于今天（北京时间）。The date field is not after today (China time)."
  NOT_AFTER_TODAY
  "whenField 为 whenValues 之一时该字段为空，否则大于 0。The field is empty while whenField is one of whenValues, else above 0."
  EMPTY_WHEN
  "只能由服务端检查（见表述）。Only the server can check it (see the words)."
  OTHER
}

"一种上报数据（声明的事实）的版式：录入表单和 CSV 导入说明由此生成。The layout of one kind of reported figures (a declared fact): entry forms and the import help are made from it."
type ReportLayout @shareable {
  "事实名（有 CSV 导入时即导入类型），如 enrollment、purchases。The fact's name (its import kind when it has one)."
  fact: String!
  "中文名称。Chinese title."
  titleZh: String!
  "英文名称。English title."
  titleEn: String!
  "写入它的 mutation，无则为 null。The mutation that writes it; null when none."
  mutation: String
  "生成的 mutation 的输入类型。The input type of the generated mutation."
  inputType: String
  "一次 mutation 按该枚举字段的每个值各上报一条时：该字段。When one mutation call reports one fact per value of this enum field: the field."
  groupBy: String
  "……以及输入中的列表参数名。…and the input's list argument."
  groupList: String
  "CSV 导入类型（POST /import/<kind>），无导入时为 null。The CSV import kind (POST /import/<kind>); null without an import."
  importKind: String
  "自然键（字段名）。The natural key (field names)."
  key: [String!]!
  "季度不是单独字段时：由哪个字段得出（如日期所在季度）。When the quarter is no field of its own: the field it comes from (e.g. a date's quarter)."
  quarterFrom: String
  "字段，按 CSV 列顺序。The fields, in CSV column order."
  fields: [ReportLayoutField!]!
  "跨字段规则。Rules across fields."
  rules: [ReportLayoutRule!]!
  "子项列表（如检查的处理处罚），无则为 null。Its child collection (e.g. an inspection's dispositions); null when none."
  children: ReportLayoutChildren
}

"一种上报数据的子项列表：输入中的一个列表，CSV 中每个子项一行。A fact's child collection: a list in its input, one CSV row per child."
type ReportLayoutChildren @shareable {
  "输入中的列表字段名，如 dispositions。The input's list field, e.g. dispositions."
  name: String!
  "中文名称。Chinese name."
  labelZh: String!
  "英文名称。English name."
  labelEn: String!
  "每条数据最多几个子项。At most this many per fact."
  max: Int!
  "一个子项的 GraphQL 输入类型。The GraphQL input type of one child."
  inputType: String!
  "子项字段，按 CSV 列顺序（在父项之后）。The child's fields, in CSV column order (after the parent's)."
  fields: [ReportLayoutField!]!
  "子项的规则。The child's rules."
  rules: [ReportLayoutRule!]!
}

"上报版式中的一个字段：API 输入、CSV 列和表单字段。One field of a layout: API input, CSV column and form field."
type ReportLayoutField @shareable {
  "字段名（API 输入名，也是英文列名）。Field name (the API input's, also the English CSV header)."
  name: String!
  "类型。Kind."
  kind: ReportFieldKind!
  "GraphQL 输入类型（必填带 !）；仅 CSV 的列为 null。GraphQL input type (with ! when required); null for a CSV-only column."
  graphqlType: String
  "是否属于 API 输入（否：仅 CSV 中供阅读，如名称）。Part of the API input (false: in the CSV for readers only, e.g. a name)."
  inInput: Boolean!
  "中文列名。Chinese CSV header."
  headerZh: String!
  "英文列名。English CSV header."
  headerEn: String!
  "也接受的列名。More accepted headers."
  aliases: [String!]!
  "表单中文标签。Chinese form label."
  labelZh: String!
  "表单英文标签。English form label."
  labelEn: String!
  "单位代码，如 persons、yuan。Unit key, e.g. persons, yuan."
  unit: String
  "单位中文，如 人、元。Unit in Chinese."
  unitZh: String
  "单位英文。Unit in English."
  unitEn: String
  "是否必填。Whether a value is required."
  required: Boolean!
  "选填且为空时记为的值，如 0。What an empty optional value stands for, e.g. 0."
  defaultValue: String
  "数值下限（十进制字符串，金额以元计）。Lower bound of a number (decimal string; yuan)."
  min: String
  "数值上限。Upper bound of a number."
  max: String
  "允许的小数位数（整数 0，金额 2）。Decimals allowed (counts 0, yuan 2)."
  decimals: Int
  "文本最大长度。Longest text."
  maxLength: Int
  "枚举的可选值。The choices of an enum field."
  choices: [ReportLayoutChoice!]!
  "值为哪种对象的编号，如 Institution。The GraphQL type whose id the value is, e.g. Institution."
  refersTo: String
  "由客户端每次提交时生成（如幂等键 UUID），不由人填写。Made up by the client per submission (an idempotency key, e.g. a UUID), not typed by a person."
  clientKey: Boolean!
  "中文说明。Help in Chinese."
  helpZh: String!
  "英文说明。Help in English."
  helpEn: String!
}

"枚举字段的一个可选值。One choice of an enum field."
type ReportLayoutChoice @shareable {
  "值（GraphQL 枚举值）。The value (GraphQL enum value)."
  value: String!
  "中文名。Chinese name."
  labelZh: String!
  "英文名。English name."
  labelEn: String!
  "CSV 中可写的形式。Its accepted CSV spellings."
  aliases: [String!]!
}

"跨字段规则。A rule across fields."
type ReportLayoutRule @shareable {
  "违反时报告在该字段上。The field a broken rule is reported on."
  field: String!
  "涉及的字段。The fields it reads."
  uses: [String!]!
  "中文表述。In words, Chinese."
  textZh: String!
  "英文表述。In words, English."
  textEn: String!
  "规则为 Σ sum ≤ Σ atMost 时：左边的字段。When the rule is Σ sum ≤ Σ atMost: the left-hand fields."
  sum: [String!]!
  "……右边的字段。…the right-hand fields."
  atMost: [String!]!
  "客户端如何检查。How a client can check it."
  check: ReportRuleCheck!
  "EMPTY_WHEN：决定的字段。EMPTY_WHEN: the deciding field."
  whenField: String
  "EMPTY_WHEN：该字段取这些值时为空。EMPTY_WHEN: its values for which the field is empty."
  whenValues: [String!]!
}
`;
