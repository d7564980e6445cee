// Traditional → simplified characters that occur in government texts (南通市2021年政务公开工作要点
// was published in traditional script). Pairs are written as one string per line: traditional, simplified.
const PAIRS =
  "開开務务這这條条級级內内審审請请許许證证關关於于與与為为確确論论機机構构區区縣县鄉乡鎮镇" +
  "農农業业從从們们個个來来會会時时對对歲岁麼么產产資资發发經经濟济營营運运動动項项準准單单" +
  "報报紙纸廣广電电視视網网絡络門门戶户籍籍醫医療疗衛卫險险勞劳執执處处罰罚強强徵征應应急急" +
  "災灾幫帮扶扶貧贫環环護护齊齐備备決决預预算算財财稅税規规範范標标實实現现據据辦办點点線线" +
  "補补貼贴養养險险庫库務务職职權权責责訂订賣卖買买價价錢钱額额認认識识讀读寫写聽听說说話话" +
  "軍军歷历員员長长東东車车銀银鐵铁錄录鍵键館馆飯饭華华黨党們们參参雙双變变嚴严榮荣學学習习" +
  "興兴選选舉举傳传統统計计劃划畫画專专業业環环節节監监督督檢检測测驗验舊旧風风險险價价級级";

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const t = chars[i]!;
    const s = chars[i + 1]!;
    if (t !== s) map.set(t, s);
  }
  return map;
})();
