/**
 * Eligibility ages (介護保険法第9条).
 */

/** 第1号被保険者: 市町村の区域内に住所を有する65歳以上の者 (介護保険法第9条第1号). */
export const CATEGORY1_AGE = 65

/** 第2号被保険者: 40歳以上65歳未満の医療保険加入者 (介護保険法第9条第2号). */
export const CATEGORY2_AGE = 40
