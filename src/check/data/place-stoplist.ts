/**
 * Gazetteer names that are also ordinary words or slogans in party reports, so a
 * mention of them is never taken for "another place". Add words here when a clean
 * report lights up.
 */

/** Exact names (full or short) never reported. */
export const PLACE_STOPWORDS: ReadonlySet<string> = new Set([
  // county-level short forms that are everyday words
  '大兴', '振兴', '新华', '平安', '和平', '长安', '安定', '新兴', '大同', '长治', '东方', '开放', '城关', '城中',
  '城东', '城西', '城南', '城北', '河东', '河西', '江北', '江南', '中山', '朝阳', '红旗', '青山', '太平', '吉利',
  '永定', '宁海', '新城', '和县', '城区', '郊区', '矿区', '东区', '西区', '市中', '白云', '向阳', '龙华', '中原',
  '海城', '普陀', '鼓楼', '金山', '宝山', '西湖', '东湖', '光明', '红星', '建华', '胜利', '团结', '前进', '先锋',
  '和平区', '新城区', '老城区', '城中区', '城东区', '城西区', '城北区', '城关区', '市中区', '江北区', '江南区',
  '河东区', '河西区', '新华区', '长安区', '平安区', '振兴区', '大兴区',
  // town names that read as words in a sentence
  '新城镇', '小城镇', '大城镇', '古城镇', '老城镇', '新镇', '大镇', '小镇', '古镇', '通镇', '安全乡', '自强镇',
  '富强镇', '图强镇', '大全镇', '立新镇', '重新镇', '维新镇', '新乡镇', '三乡镇', '五乡镇', '北乡镇', '南乡镇',
  '大名镇', '正大镇', '远大镇', '下新镇', '和新镇', '新村镇', '小集镇', '大集镇', '中小镇', '小村镇', '大村镇',
  '新集镇', '老集镇', '新城乡', '老城乡', '环城乡', '环城镇', '中心镇', '中心乡', '城关镇', '城关乡', '建新镇',
  '永新镇', '东新镇', '南新镇', '北新镇', '西新镇', '中新镇', '华新镇', '大新镇', '新市镇', '古城乡', '长城镇',
  '长城乡', '三城镇', '五城镇', '云集镇', '双城镇', '大城乡', '山城镇', '江城镇', '石城镇', '金城镇',
  // revolutionary sites, models and slogans named after places
  '延安', '井冈山', '西柏坡', '遵义', '古田', '枫桥', '浦江', '晋江', '南湖', '瑞金', '韶山', '红旗渠', '兰考',
  '塞罕坝', '小岗', '大寨', '沂蒙', '大别山', '雄安', '浦东', '深圳', '北京', '上海', '天津', '重庆', '香港',
  '澳门', '台湾', '安吉', '余村', '下姜', '华西', '共青团', '中心街', '火车站', '东方红', '建国门',
  // everyday words that are also short town names and follow 平安/美丽/幸福 or precede 大地/人民/党委
  '建设', '创建', '中国', '乡村', '校园', '家庭', '法治', '庭院', '家园', '城镇', '河湖', '生活', '指数', '养老',
  '广大', '各族', '全国', '祖国', '中华', '神州', '华夏', '齐鲁', '三晋', '燕赵', '八闽', '荆楚', '巴蜀', '江淮',
  '东北', '农村', '公司', '机关', '园区', '街道', '企业', '学校', '人民', '各级', '上级', '地方', '基层', '乡镇',
  '党员', '支部', '沿线', '大地', '安静', '工作', '群众', '经济', '社会', '文化', '生态', '发展', '和谐', '稳定',
  '安全', '幸福', '美丽', '文明', '民生', '治理', '服务', '党建', '产业', '集体', '组织', '人才', '红色', '绿色',
  '特色', '示范', '模范', '先进', '优秀', '典型', '品牌', '家乡', '故乡', '田园', '宜居', '和美', '富裕', '小康',
]);

/** Name parts that mark a gazetteer entry as a zone or a word rather than a place to flag. */
export const PLACE_STOP_PARTS = /开发|园区|产业|经济|新区|高新|特殊|管理|委员会|办事处|社区|城区|片区|工业|农场|林场|牧场|渔场|[（(]|服务中心|示范|保税|科技|物流|港区|集聚/;

/** Short forms ending like a street or a housing estate rather than a town. */
export const SHORT_STOP_END = /(路|街|道|大街|大道|广场|新村|站|区|园|门|里|楼)$/;

/** Text right before a short name that makes it a self-reference ("平安静海", "美丽西翟庄"). */
export const SELF_PREFIX = /(平安|美丽|幸福|魅力|大美|活力|中共)$/;

/** Text right after a short name that makes it a place ("西翟庄大地", "静海人民"). */
export const SELF_SUFFIX = /^(大地|人民|籍贯|境内|辖区|全域|一带|党委|镇委|镇党委|县委|区委|市委|县纪委|区纪委|镇政府|县政府|区政府)/;

/** Text after a full town name that shows it is part of a word ("小城镇建设", "安全乡村"). */
export const FULL_WORD_CONTINUES = /^[村化居建规职]/;

/** "<name>县委/区委/…": the report's own superior organs, so the name is ours. */
export const OWN_ORGAN_SUFFIX = /^(县委|区委|市委|旗委|县纪委|区纪委|市纪委|县政府|区政府|市政府|县人民政府|区人民政府|县委组织部|区委组织部|县委宣传部|区委宣传部|县委政法委|区委政法委)/;

/**
 * A sentence that says where the town lies names its neighbours: "东邻甲乡，南接乙镇，
 * 西隔丹江与丙县相望，北毗丁镇", "与某县接壤", "距县城28公里". Places in it are never flagged.
 */
export const LOCATION_CUE = /(?:[东南西北]|东南|东北|西南|西北)(?:邻|接|连|靠|临|隔|毗|依|抵|与|至|界)|毗邻|接壤|交界|相邻|相连|相望|为邻|位于|地处|距[^，。；]{0,8}(?:公里|千米|里)/;
