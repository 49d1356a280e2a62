namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>
/// The catalog content. Diseases: the 14 of the Wenzhou 2019 scheme (seed wenzhou 二(一)) plus two sex-specific
/// ones and osteoporosis. Ingredients are real first-line generics for each disease; prices are plausible yuan
/// per unit, tuned so that a typical monthly regimen costs 35-55% of the disease's monthly quota. That spread
/// matters: it keeps ordinary patients well below the R13 threshold (3 × median) while a quota overrun (R11)
/// can still stay below it.
/// </summary>
internal static class CatalogData
{
    private static readonly double[] One = [1];
    private static readonly double[] OneTwo = [1, 2];
    private static readonly double[] Two = [2];
    private static readonly double[] Three = [3];
    private static readonly double[] TwoThree = [2, 3];

    public static MedicalCatalog Build()
    {
        var b = new CatalogBuilder();
        Services(b);
        Diseases(b);
        Cardiovascular(b);
        Metabolic(b);
        Respiratory(b);
        RenalHepatic(b);
        Neuro(b);
        Other(b);
        return b.Build();
    }

    private static void Services(CatalogBuilder b)
    {
        b.Service("TR0001", "一般诊疗费", 10m, treatment: true);
        b.Service("EX0101", "血常规", 20m);
        b.Service("EX0102", "尿常规", 15m);
        b.Service("EX0201", "血糖测定", 10m);
        b.Service("EX0202", "糖化血红蛋白", 60m);
        b.Service("EX0203", "尿微量白蛋白", 45m);
        b.Service("EX0301", "血脂四项", 45m);
        b.Service("EX0302", "肝功能", 50m);
        b.Service("EX0303", "肾功能", 40m);
        b.Service("EX0304", "电解质", 35m);
        b.Service("EX0401", "常规心电图", 30m);
        b.Service("EX0501", "胸部X线摄影", 60m);
        b.Service("EX0502", "痰涂片抗酸染色", 30m);
        b.Service("EX0601", "肺功能检查", 80m);
        b.Service("EX0701", "乙肝病毒DNA定量", 120m);
        b.Service("EX0702", "甲胎蛋白", 40m);
        b.Service("EX0703", "腹部彩超", 80m);
        b.Service("EX0801", "骨密度测定", 120m);
        b.Service("EX0802", "血钙测定", 15m);
        b.Service("EX0901", "血沉", 15m);
        b.Service("EX0902", "C反应蛋白", 30m);
        b.Service("EX1001", "简易精神状态检查", 30m);
        b.Service("EX1101", "脑电图", 120m);
        b.Service("EX1102", "血药浓度监测", 90m);
        b.Service("EX1201", "前列腺特异性抗原", 60m);
        b.Service("EX1202", "前列腺彩超", 80m);
        b.Service("EX1301", "乳腺彩超", 100m);
        b.Service("EX1302", "肿瘤标志物CA153", 60m);
        b.Service("TR0201", "针刺", 35m, treatment: true);
        b.Service("TR0202", "推拿治疗", 40m, treatment: true);
        b.Service("TR0203", "物理治疗", 30m, treatment: true);
        b.Service("TR0301", "康复训练", 60m, treatment: true);
        b.Service("TR0302", "中药定向透药", 45m, treatment: true);
    }

    private static void Diseases(CatalogBuilder b)
    {
        b.Disease("HTN", "高血压", 200, 38, false, null, "EX0401", "EX0303", "EX0304");
        b.Disease("T2DM", "糖尿病", 300, 24, false, null, "EX0201", "EX0202", "EX0203");
        b.Disease("TB", "肺结核", 250, 0.8, true, null, "EX0501", "EX0502", "EX0302");
        b.Disease("CHD", "冠心病", 400, 9, true, null, "EX0401", "EX0301", "EX0302");
        b.Disease("ASTHMA", "支气管哮喘", 400, 1.8, true, null, "EX0601", "EX0101");
        b.Disease("CKD", "慢性肾脏病", 500, 2.2, true, null, "EX0303", "EX0102", "EX0304");
        b.Disease("COPD", "慢性阻塞性肺疾病", 500, 3.5, true, null, "EX0601", "EX0501");
        b.Disease("CLD", "慢性肝病", 500, 2.5, true, null, "EX0302", "EX0701", "EX0702");
        b.Disease("PD", "帕金森病", 400, 1.2, true, null, "EX1001");
        b.Disease("RA", "类风湿关节炎", 350, 1.3, true, null, "EX0901", "EX0902", "EX0302");
        b.Disease("AD", "阿尔茨海默病", 500, 1.2, true, null, "EX1001", "EX0101");
        b.Disease("SCZ", "精神分裂症", 400, 1.5, true, null, "EX0101", "EX0302");
        b.Disease("HLP", "高脂血症", 150, 10, false, null, "EX0301", "EX0302");
        b.Disease("EPI", "癫痫", 300, 0.9, true, null, "EX1102", "EX0302");
        b.Disease("BPH", "前列腺增生", 150, 4, false, 'M', "EX1201", "EX0102");
        b.Disease("BRC", "乳腺癌内分泌治疗", 600, 1, true, 'F', "EX1301", "EX1302", "EX0101");
        b.Disease("OP", "骨质疏松症", 200, 2.5, false, null, "EX0802", "EX0101");
    }

    private static void Cardiovascular(CatalogBuilder b)
    {
        b.Ingredient("amlodipine", "苯磺酸氨氯地平片", "5mg", "C08CA", "HTN CHD", OneTwo, [(null, 0.95m, true), ("络活喜", 2.65m, false), ("（京新）", 1.60m, false)]);
        b.Ingredient("nifedipine", "硝苯地平控释片", "30mg", "C08CA", "HTN CHD", One, [(null, 1.30m, true), ("拜新同", 3.20m, false)]);
        b.Ingredient("valsartan", "缬沙坦胶囊", "80mg", "C09CA", "HTN CKD", OneTwo, [(null, 1.40m, true), ("代文", 3.30m, false)]);
        b.Ingredient("losartan", "氯沙坦钾片", "50mg", "C09CA", "HTN CKD", OneTwo, [(null, 1.20m, true), ("科素亚", 3.60m, false)]);
        b.Ingredient("irbesartan", "厄贝沙坦片", "150mg", "C09CA", "HTN CKD", One, [(null, 1.10m, true), ("安博维", 3.10m, false), ("（恒瑞）", 1.70m, false)]);
        b.Ingredient("enalapril", "马来酸依那普利片", "10mg", "C09AA", "HTN CHD", OneTwo, [(null, 0.60m, true), ("悦宁定", 1.80m, false)]);
        b.Ingredient("metoprolol", "酒石酸美托洛尔片", "25mg", "C07AB", "HTN CHD", Two, [(null, 0.35m, true), ("倍他乐克", 0.95m, false)]);
        b.Ingredient("hydrochlorothiazide", "氢氯噻嗪片", "25mg", "C03AA", "HTN", One, [(null, 0.12m, true), ("（常州制药）", 0.30m, false)]);
        b.Ingredient("indapamide", "吲达帕胺缓释片", "1.5mg", "C03BA", "HTN", One, [(null, 0.90m, true), ("纳催离", 2.10m, false)]);
        b.Ingredient("doxazosin", "甲磺酸多沙唑嗪缓释片", "4mg", "C02CA", "HTN BPH", One, [(null, 2.20m, true), ("可多华", 3.70m, false)]);
        b.Ingredient("aspirin", "阿司匹林肠溶片", "100mg", "B01AC", "CHD", One, [(null, 0.15m, true), ("拜阿司匹灵", 0.55m, false)]);
        b.Ingredient("clopidogrel", "硫酸氢氯吡格雷片", "75mg", "B01AC", "CHD", One, [(null, 1.60m, true), ("波立维", 5.80m, false), ("（泰嘉）", 3.20m, false)]);
        b.Ingredient("ticagrelor", "替格瑞洛片", "90mg", "B01AC", "CHD", Two, [(null, 2.80m, false), ("倍林达", 6.50m, false)]);
        b.Ingredient("isosorbide mononitrate", "单硝酸异山梨酯缓释片", "40mg", "C01DA", "CHD", One, [(null, 0.80m, true), ("依姆多", 2.40m, false)]);
        b.Ingredient("trimetazidine", "盐酸曲美他嗪缓释片", "35mg", "C01EB", "CHD", Two, [(null, 0.90m, true), ("万爽力", 1.90m, false)]);
        b.Ingredient("atorvastatin", "阿托伐他汀钙片", "20mg", "C10AA", "HLP CHD", OneTwo, [(null, 1.05m, true), ("立普妥", 4.80m, false), ("（嘉林）", 2.30m, false)]);
        b.Ingredient("rosuvastatin", "瑞舒伐他汀钙片", "10mg", "C10AA", "HLP CHD", One, [(null, 1.20m, true), ("可定", 4.50m, false)]);
        b.Ingredient("simvastatin", "辛伐他汀片", "20mg", "C10AA", "HLP", One, [(null, 0.50m, true), ("舒降之", 2.10m, false)]);
        b.Ingredient("ezetimibe", "依折麦布片", "10mg", "C10AX", "HLP", One, [(null, 2.40m, false), ("益适纯", 5.20m, false)]);
        b.Ingredient("fenofibrate", "非诺贝特胶囊", "200mg", "C10AB", "HLP", One, [(null, 1.30m, true), ("力平之", 3.00m, false)]);
    }

    private static void Metabolic(CatalogBuilder b)
    {
        b.Ingredient("metformin", "盐酸二甲双胍片", "0.5g", "A10BA", "T2DM", [2, 3, 4], [(null, 0.30m, true), ("格华止", 0.95m, false)], minAge: 10);
        b.Ingredient("acarbose", "阿卡波糖片", "50mg", "A10BF", "T2DM", Three, [(null, 0.85m, true), ("拜唐苹", 1.95m, false)]);
        b.Ingredient("glimepiride", "格列美脲片", "2mg", "A10BB", "T2DM", OneTwo, [(null, 0.70m, true), ("亚莫利", 2.80m, false)]);
        b.Ingredient("gliclazide", "格列齐特缓释片", "30mg", "A10BB", "T2DM", OneTwo, [(null, 0.60m, true), ("达美康", 1.90m, false)]);

        // Long-acting sulfonylurea: hypoglycaemia risk in the elderly, so the drug library limits it by age (R08).
        b.Ingredient("glibenclamide", "格列本脲片", "2.5mg", "A10BB", "T2DM", Two, [(null, 0.10m, true), ("（天药）", 0.25m, false)], maxAge: 70);
        b.Ingredient("sitagliptin", "磷酸西格列汀片", "100mg", "A10BH", "T2DM", One, [(null, 3.20m, false), ("捷诺维", 6.50m, false)]);
        b.Ingredient("dapagliflozin", "达格列净片", "10mg", "A10BK", "T2DM CKD", One, [(null, 2.90m, false), ("安达唐", 4.30m, false)]);
        b.Ingredient("insulin glargine", "甘精胰岛素注射液", "3ml:300单位", "A10AE", "T2DM", [1.0 / 30], [(null, 148m, true), ("来得时", 186m, false)]);
        b.Ingredient("alendronate", "阿仑膦酸钠片", "70mg", "M05BA", "OP", [1.0 / 7], [(null, 12.00m, true), ("福善美", 21.00m, false)]);
        b.Ingredient("calcitriol", "骨化三醇软胶囊", "0.25μg", "A11CC", "CKD OP", OneTwo, [(null, 1.20m, true), ("罗盖全", 2.60m, false)]);
        b.Ingredient("alfacalcidol", "阿法骨化醇软胶囊", "0.25μg", "A11CC", "OP CKD", Two, [(null, 0.90m, true), ("阿法迪三", 1.80m, false)]);
        b.Ingredient("calcium carbonate and vitamin D3", "碳酸钙D3片", "600mg", "A12AX", "OP", OneTwo, [(null, 0.40m, true), ("钙尔奇D", 0.90m, false)]);

        // Raloxifene is licensed for postmenopausal women only: the library restricts it to F (R08).
        b.Ingredient("raloxifene", "盐酸雷洛昔芬片", "60mg", "G03XC", "OP", One, [(null, 2.80m, false), ("易维特", 4.60m, false)], gender: 'F');
    }

    private static void Respiratory(CatalogBuilder b)
    {
        b.Ingredient("isoniazid", "异烟肼片", "100mg", "J04AC", "TB", Three, [(null, 0.08m, true), ("（信谊）", 0.15m, false)]);
        b.Ingredient("rifampicin", "利福平胶囊", "150mg", "J04AB", "TB", Three, [(null, 0.35m, true), ("（沈阳红旗）", 0.60m, false)]);
        b.Ingredient("ethambutol", "盐酸乙胺丁醇片", "250mg", "J04AK", "TB", Three, [(null, 0.30m, true), ("（成都锦华）", 0.50m, false)]);
        b.Ingredient("pyrazinamide", "吡嗪酰胺片", "250mg", "J04AK", "TB", [3, 4], [(null, 0.25m, true), ("（红旗）", 0.45m, false)]);
        b.Ingredient("budesonide and formoterol", "布地奈德福莫特罗粉吸入剂", "160μg/4.5μg 60吸", "R03AK", "ASTHMA COPD", [1.0 / 30], [(null, 158m, true), ("信必可都保", 198m, false)]);
        b.Ingredient("salmeterol and fluticasone", "沙美特罗替卡松粉吸入剂", "50μg/250μg 60吸", "R03AK", "ASTHMA COPD", [1.0 / 30], [(null, 138m, true), ("舒利迭", 186m, false)]);
        b.Ingredient("montelukast", "孟鲁司特钠片", "10mg", "R03DC", "ASTHMA", One, [(null, 1.80m, false), ("顺尔宁", 5.20m, false)]);
        b.Ingredient("theophylline", "茶碱缓释片", "0.1g", "R03DA", "ASTHMA COPD", Two, [(null, 0.30m, true), ("舒弗美", 0.55m, false)]);
        b.Ingredient("tiotropium", "噻托溴铵粉吸入剂", "18μg", "R03BB", "COPD", One, [(null, 5.20m, true), ("思力华", 8.20m, false)]);
        b.Ingredient("acetylcysteine", "乙酰半胱氨酸泡腾片", "600mg", "R05CB", "COPD", OneTwo, [(null, 1.20m, false), ("富露施", 2.10m, false)]);
        b.Ingredient("carbocisteine", "羧甲司坦片", "0.25g", "R05CB", "COPD", Three, [(null, 0.20m, true), ("（仁和）", 0.45m, false)]);
    }

    private static void RenalHepatic(CatalogBuilder b)
    {
        b.Ingredient("keto acid", "复方α-酮酸片", "0.63g", "V06DD", "CKD", [4], [(null, 1.30m, false), ("开同", 2.00m, false)]);
        b.Ingredient("sodium bicarbonate", "碳酸氢钠片", "0.5g", "A02AH", "CKD", Three, [(null, 0.05m, true), ("（力生）", 0.12m, false)]);
        b.Ingredient("polysaccharide iron complex", "多糖铁复合物胶囊", "150mg", "B03AB", "CKD", One, [(null, 1.50m, true), ("力蜚能", 3.20m, false)]);
        b.Ingredient("entecavir", "恩替卡韦分散片", "0.5mg", "J05AF", "CLD", One, [(null, 0.60m, true), ("博路定", 8.50m, false), ("（润众）", 3.90m, false)]);
        b.Ingredient("tenofovir disoproxil", "富马酸替诺福韦二吡呋酯片", "300mg", "J05AF", "CLD", One, [(null, 0.70m, true), ("韦瑞德", 7.60m, false)]);
        b.Ingredient("tenofovir alafenamide", "富马酸丙酚替诺福韦片", "25mg", "J05AF", "CLD", One, [(null, 4.90m, false), ("韦立得", 6.80m, false)]);
        b.Ingredient("bicyclol", "双环醇片", "25mg", "A05BA", "CLD", Three, [(null, 1.10m, false), ("百赛诺", 1.80m, false)]);
        b.Ingredient("diammonium glycyrrhizinate", "甘草酸二铵肠溶胶囊", "50mg", "A05BA", "CLD", Three, [(null, 0.80m, true), ("天晴甘平", 1.50m, false)]);
    }

    private static void Neuro(CatalogBuilder b)
    {
        b.Ingredient("levodopa and benserazide", "多巴丝肼片", "0.25g", "N04BA", "PD", TwoThree, [(null, 1.10m, true), ("美多芭", 1.95m, false)]);
        b.Ingredient("pramipexole", "盐酸普拉克索片", "0.25mg", "N04BC", "PD", Three, [(null, 1.10m, true), ("森福罗", 2.20m, false)]);
        b.Ingredient("entacapone", "恩他卡朋片", "0.2g", "N04BX", "PD", TwoThree, [(null, 2.80m, false), ("珂丹", 5.60m, false)]);
        b.Ingredient("selegiline", "盐酸司来吉兰片", "5mg", "N04BD", "PD", Two, [(null, 1.40m, true), ("咪多吡", 2.30m, false)]);
        b.Ingredient("amantadine", "盐酸金刚烷胺片", "0.1g", "N04BB", "PD", Two, [(null, 0.20m, true), ("（华北制药）", 0.45m, false)]);
        b.Ingredient("donepezil", "盐酸多奈哌齐片", "5mg", "N06DA", "AD", OneTwo, [(null, 2.60m, true), ("安理申", 6.80m, false)]);
        b.Ingredient("rivastigmine", "重酒石酸卡巴拉汀胶囊", "3mg", "N06DA", "AD", Two, [(null, 2.90m, false), ("艾斯能", 5.20m, false)]);
        b.Ingredient("galantamine", "氢溴酸加兰他敏片", "4mg", "N06DA", "AD", Two, [(null, 1.80m, false), ("（苏州第四）", 2.90m, false)]);
        b.Ingredient("memantine", "盐酸美金刚片", "10mg", "N06DX", "AD", Two, [(null, 3.50m, false), ("易倍申", 7.20m, false)]);
        b.Ingredient("risperidone", "利培酮片", "1mg", "N05AX", "SCZ", [2, 3, 4], [(null, 0.80m, true), ("维思通", 3.40m, false)]);
        b.Ingredient("aripiprazole", "阿立哌唑片", "5mg", "N05AX", "SCZ", Two, [(null, 3.10m, true), ("安律凡", 6.50m, false)]);
        b.Ingredient("olanzapine", "奥氮平片", "10mg", "N05AH", "SCZ", One, [(null, 2.60m, true), ("再普乐", 8.50m, false)]);
        b.Ingredient("quetiapine", "富马酸喹硫平片", "100mg", "N05AH", "SCZ", TwoThree, [(null, 1.20m, true), ("思瑞康", 3.80m, false)]);
        b.Ingredient("clozapine", "氯氮平片", "25mg", "N05AH", "SCZ", [4, 6], [(null, 0.12m, true), ("（江苏恩华）", 0.25m, false)]);
        b.Ingredient("valproate", "丙戊酸钠缓释片", "0.5g", "N03AG", "EPI", Two, [(null, 1.20m, true), ("德巴金", 2.80m, false)]);
        b.Ingredient("levetiracetam", "左乙拉西坦片", "0.5g", "N03AX", "EPI", Two, [(null, 2.10m, true), ("开浦兰", 4.60m, false)]);
        b.Ingredient("lamotrigine", "拉莫三嗪片", "50mg", "N03AX", "EPI", Two, [(null, 1.60m, true), ("利必通", 3.20m, false)]);
        b.Ingredient("carbamazepine", "卡马西平片", "0.1g", "N03AF", "EPI", [3, 4], [(null, 0.30m, true), ("得理多", 1.10m, false)]);
        b.Ingredient("oxcarbazepine", "奥卡西平片", "0.3g", "N03AF", "EPI", Two, [(null, 1.90m, false), ("曲莱", 3.40m, false)]);
    }

    private static void Other(CatalogBuilder b)
    {
        b.Ingredient("methotrexate", "甲氨蝶呤片", "2.5mg", "L04AX", "RA", [4.0 / 7], [(null, 0.25m, true), ("（信谊）", 0.50m, false)]);
        b.Ingredient("leflunomide", "来氟米特片", "10mg", "L04AA", "RA", OneTwo, [(null, 2.10m, true), ("爱若华", 4.20m, false)]);
        b.Ingredient("hydroxychloroquine", "硫酸羟氯喹片", "0.2g", "P01BA", "RA", Two, [(null, 1.60m, true), ("纷乐", 2.90m, false)]);
        b.Ingredient("celecoxib", "塞来昔布胶囊", "0.2g", "M01AH", "RA", OneTwo, [(null, 2.40m, false), ("西乐葆", 4.80m, false)]);
        b.Ingredient("folic acid", "叶酸片", "5mg", "B03BB", "RA", One, [(null, 0.05m, true), ("（斯利安）", 0.10m, false)]);

        // Prostate drugs act on male anatomy: the library restricts them to M.
        b.Ingredient("tamsulosin", "盐酸坦索罗辛缓释胶囊", "0.2mg", "G04CA", "BPH", One, [(null, 1.80m, true), ("哈乐", 3.90m, false)], gender: 'M');
        b.Ingredient("finasteride", "非那雄胺片", "5mg", "G04CB", "BPH", One, [(null, 1.60m, true), ("保列治", 4.80m, false)], gender: 'M', minAge: 18);
        b.Ingredient("epristeride", "爱普列特片", "5mg", "G04CB", "BPH", Two, [(null, 1.30m, false), ("（江苏联环）", 2.10m, false)], gender: 'M');

        // Endocrine therapy of breast cancer: the library restricts these to F.
        b.Ingredient("tamoxifen", "枸橼酸他莫昔芬片", "10mg", "L02BA", "BRC", Two, [(null, 0.60m, true), ("诺瓦得士", 1.90m, false)], gender: 'F');
        b.Ingredient("letrozole", "来曲唑片", "2.5mg", "L02BG", "BRC", One, [(null, 7.50m, true), ("弗隆", 11.00m, false)], gender: 'F');
        b.Ingredient("anastrozole", "阿那曲唑片", "1mg", "L02BG", "BRC", One, [(null, 7.20m, true), ("瑞宁得", 9.80m, false)], gender: 'F');
        b.Ingredient("exemestane", "依西美坦片", "25mg", "L02BG", "BRC", One, [(null, 7.80m, false), ("阿诺新", 9.20m, false)], gender: 'F');
    }
}
