/** The demo users printed by `npm start` (and offered by the dashboard in demo mode). */
export interface DemoUser {
  key: string;
  sub: string;
  name: string;
  scope: string;
  roles: string[];
  descriptionZh: string;
  descriptionEn: string;
}

export const demoUsers: readonly DemoUser[] = [
  {
    key: "national",
    sub: "demo-national-leader",
    name: "国家医保局领导",
    scope: "000000",
    roles: ["viewer"],
    descriptionZh: "全国 · 领导",
    descriptionEn: "National leadership",
  },
  {
    key: "province",
    sub: "demo-hunan-province",
    name: "湖南省医疗保障局",
    scope: "430000",
    roles: ["viewer"],
    descriptionZh: "湖南省 · 省局",
    descriptionEn: "Hunan provincial bureau",
  },
  {
    key: "city",
    sub: "demo-hulunbuir-city",
    name: "呼伦贝尔市医疗保障局",
    scope: "150700",
    roles: ["viewer", "approver"],
    descriptionZh: "呼伦贝尔市 · 市局",
    descriptionEn: "Hulunbuir city office",
  },
  {
    key: "county",
    sub: "demo-ewenki-reporter",
    name: "鄂温克族自治旗医疗保障局",
    scope: "150724",
    roles: ["viewer", "reporter"],
    descriptionZh: "鄂温克族自治旗 · 填报员",
    descriptionEn: "Ewenki Banner reporter",
  },
];
