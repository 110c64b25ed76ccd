// UI strings in English and Chinese. The language follows the browser unless the user picked one.
// The shared terms (statuses, levels, verdicts, criteria, units, QA terms) are not here: they come from the server's
// message catalogue (GET /api/v1/messages, the same words the reports use), loaded once by loadCatalogue().
import { get } from './api.js';
const STRINGS = {
  en: {
    view_rules: 'Threshold rules', viewRules: 'Rules', rulesEffective: 'Rules in force on a parcel, and where each comes from',
    ruleNew: 'New rule', ruleName: 'Name', ruleMeasures: 'Measures', ruleLevels: 'Levels', ruleWindow: 'Window', ruleScope: 'Applies to',
    ruleEdit: 'Edit', ruleEditing: 'Editing “{name}”', ruleMetric: 'Metric', ruleStatistic: 'Statistic',
    ruleParameter: 'Parameter (percentile, or the value above which fiber counts)', ruleWindowHours: 'Window (hours)',
    ruleLevelMode: 'Levels are', levelMode_absolute: 'values in the unit', levelMode_percent: '% of a control value',
    ruleControlValue: 'Control value', rulePending: 'Evaluations in a row before raising', ruleHysteresis: 'Hysteresis (share of the threshold)',
    ruleSpikeFilter: 'Spike filter (a level needs confirming)', ruleEnabled: 'Enabled', ruleDescription: 'What it checks, and its source',
    ruleUnit: 'Levels in {unit}', ruleSaved: 'Rule #{id} saved.', level: 'Level',
    scope_project: 'the whole project', scope_phase: 'phase {n}', scope_parcel: 'parcel {code}',
    metric_fiber_strain: 'ground strain (fiber)', metric_fiber_strain_rate: 'ground strain rate (fiber)', metric_settlement: 'settlement',
    metric_settlement_rate: 'settlement rate', metric_tilt: 'tilt', metric_curvature: 'curvature', metric_fiber_temperature: 'cable temperature',
    statistic_max_abs: 'largest magnitude', statistic_max: 'maximum', statistic_min: 'minimum', statistic_mean: 'mean',
    statistic_percentile: 'percentile', statistic_length_over: 'fiber length over a value', statistic_change: 'change within the window',
    backtestTitle: 'Backtest: what this rule would have raised', backtestDays: 'over the last days', backtestRun: 'Run backtest',
    backtestRunning: 'Replaying the evaluator over the stored history…', backtestChange: 'Event',
    backtestSummary: '{n} alert(s) on {parcels} parcel(s) in the last {days} d ({cycles} evaluation cycles every {step} min, {s} s).',
    noWebgl: 'This browser offers no WebGL, so the map is drawn the slow way (every parcel as SVG): a large site may take long to show.',
    searchParcel: 'Find parcel by code', liveTitle: 'Live updates', logout: 'Sign out', layers: 'Layers', phases: 'Phases',
    parcels: 'Parcels', cables: 'Fiber cables', markers: 'Settlement markers', boreholes: 'Boreholes',
    tabParcel: 'Parcel', tabCable: 'Cable', tabAlerts: 'Alerts', clickParcel: 'Click a parcel on the map.',
    clickCable: 'Click a cable on the map.', allLevels: 'All levels', allPhases: 'All phases', state_open: 'Open', state_all: 'All',
    code: 'Code', phase: 'Phase', status: 'Status', area: 'Area', mu: 'mu', landUse: 'Land use', flagLevel: 'Flag level',
    flags: 'Current flags', noFlags: 'No rules apply to this parcel.', unconfirmed: 'unconfirmed (one trace, awaiting the next)', awaitingFirst: 'awaiting its first reading (monitored since {since}; no data from {from})', openAlerts: 'Open alerts', noAlerts: 'No alerts.',
    acknowledge: 'Acknowledge', comment: 'Comment', addComment: 'Add comment', commentPlaceholder: 'What was checked or done',
    acknowledged: 'acknowledged', raised: 'raised', cleared: 'cleared', by: 'by', since: 'since',
    strainHistory: 'Ground strain at the worst position', settlementChart: 'Settlement markers', noData: 'No readings in this period.',
    groundStrain: 'ground strain (µε)', settlementMm: 'settlement (mm)', chainage: 'chainage (m)', strain: 'strain (µε)',
    temperature: 'temperature (°C)', profileAt: 'Profile at', traceTime: 'trace', window: 'Period', days: 'd',
    value: 'value', threshold: 'threshold', evidence: 'evidence', at: 'at', cable: 'cable', fiberDistance: 'fiber distance',
    strainLegend: 'ground strain |ε| (µε)', fiberLength: 'Fiber length', installation: 'Installation', coupling: 'Coupling', saved: 'Saved', failed: 'Failed', notFound: 'No parcel with code',
    phaseLabel: 'Phase {n}', chartThreshold: '{level} limit', worstAt: '{cable} at {d} m', markerCount: '{n} markers',
    readOnly: 'Viewers cannot acknowledge alerts.', kind_no_data: 'no data',
    noDataSummary: 'Silent sensors ({n})', silentSince: 'silent since', silentUntil: 'data back', stillSilent: 'still silent',
    parcelsAffected: 'parcels affected', sensor_cable: 'cable', sensor_marker: 'settlement marker',
    acceptance: 'Acceptance criteria', phaseReport: 'Phase acceptance report (PDF)', generating: 'Generating the report…',
    state_raised: 'Raised', state_acknowledged: 'Acknowledged', state_cleared: 'Cleared', allKinds: 'All kinds', kind_threshold: 'Threshold',
    allParcels: 'All parcels', selectAll: 'Select all raised', bulkAcknowledge: 'Acknowledge selected', select: 'select',
    commentRequired: 'A comment is required.', noneSelected: 'No alert selected.', acknowledgedCount: '{n} alerts acknowledged',
    history: 'History', event_raised: 'raised', event_escalated: 'escalated', event_lowered: 'lowered', event_acknowledged: 'acknowledged',
    event_comment: 'comment', event_cleared: 'cleared',
    view_admin: 'Administration', view_import: 'Import', view_levelling: 'Levelling entry', viewAdmin: 'Administration',
    viewImport: 'Import', viewLevelling: 'Levelling', close: 'Close', users: 'Users', tokens: 'API tokens',
    channels: 'Notification channels', role: 'Role', role_viewer: 'viewer', role_engineer: 'engineer', role_admin: 'administrator',
    role_ingest: 'ingest (data feed)', allProjects: 'all projects', projects: 'Projects', disabled: 'disabled', enabled: 'enabled',
    save: 'Save', username: 'User name', createUser: 'Create user', passwordOnce: 'Password of {user}, shown only now:',
    tokenName: 'Token name', validDays: 'valid (days)', createToken: 'Create token', revoke: 'Revoke', revoked: 'revoked',
    secretOnce: 'The token\'s secret, shown only now (copy it; it cannot be shown again):', channelName: 'Channel name',
    mqttTopic: 'MQTT topic', minLevel: 'lowest level', createChannel: 'Add channel', sendTest: 'Send a test message',
    delete: 'Delete', sending: 'Sending…', received: 'Received', notReceived: 'Not received',
    importKind: 'What to import', import_parcels: 'Parcels (GeoJSON, zipped shapefile, GeoPackage)',
    import_boreholes: 'Borehole register (CSV/XLSX)', import_surveys: 'Borehole surveys (CSV/XLSX)', import_qaTests: 'QA tests (CSV/XLSX)',
    import_readings: 'Readings (CSV/JSON)', dropHere: 'Drop a file here or choose one:', upsert: 'update existing codes',
    importTo: 'Import into', checking: 'checking…', importing: 'importing…', importNow: 'Import', wouldWrite: 'would write',
    written: 'written', featureN: 'feature {n}', rowN: 'row {n}', readingN: 'reading {n}', countCreated: '{n} new',
    countUpdated: '{n} updated', countBoreholes: '{n} boreholes', countStations: '{n} survey stations', countQaTests: '{n} QA tests',
    countReadings: '{n} readings', tooLarge: 'File too large', importHint_parcels: 'Properties: code, phase (ordinal), name, landUse, status.',
    importHint_boreholes: 'One row per hole: code, type, easting, northing, measured depth, grout take…',
    importHint_surveys: 'Columns: code, md_m, inclination_deg, azimuth_deg.', importHint_qaTests: 'One row per test: code, type, parcel or borehole, tested on, result.',
    importHint_readings: 'CSV columns: sensor, time, settlementMm or elevationM or value; or the readings JSON.',
    observedAt: 'Observed at', quantity: 'Quantity', elevationM: 'elevation (m)', marker: 'Marker', parcel: 'Parcel',
    lastValue: 'Last value', newValue: 'New value', check: 'Check', saveDespite: 'save the flagged values anyway',
    noReading: 'no reading yet', noMarkers: 'This phase has no settlement markers.', nothingEntered: 'No value entered.',
    implausible: 'Change {jump} mm in {days} d, beyond the {allowed} mm this marker\'s history allows', notJudged: 'too little history to judge',
    implausibleCount: '{n} value(s) far beyond their marker\'s history: check them, or confirm to save anyway.',
    allPlausible: 'All values are plausible.', levellingSaved: '{n} readings saved.',
    view_acceptance: 'Acceptance', viewAcceptance: 'Acceptance', accCriteria: 'Acceptance criteria of the project',
    accVerdicts: 'Verdict of the phase', accVerdict: 'Verdict', accEvidence: 'Evidence, criterion by criterion', accDecisions: 'Decisions on record',
    accSummary: '{meets} of {total} mu meet the criteria ({n} parcels); data window {from} – {to}', yes: 'yes', no: 'no',
    decision_accepted: 'accepted', decision_rejected: 'rejected', accOnVerdict: 'on verdict', accOverrideReason: 'Override reason',
    accNoDecisions: 'No decision recorded yet.', accDecide: 'Record the panel\'s decision', accDecision: 'Decision',
    accCommentPlaceholder: 'The panel\'s reasoning and meeting reference (required)', accOverride: 'accept against the verdict',
    accRecord: 'Record decision', accWholePhase: 'the whole phase', accRecorded: 'Decision #{id} recorded.',
    ac_minQaPassRate: 'QA pass rate at least', ac_minQaTests: 'QA tests at least', ac_minCoreStrengthMpa: 'Core strength at least (MPa)',
    ac_maxReinjectionShare: 'Check-hole re-injection at most (share of take)', ac_maxFluidLoss: 'Fluid loss at most',
    ac_minWaveVelocityMs: 'Wave velocity at least (m/s)', ac_minGroutTakeM3PerMu: 'Grout take at least (m³/mu)',
    ac_minObservationDays: 'Observation at least (days)', ac_stabilityMonths: 'Stability window (months)',
    ac_maxSettlementMm: 'Settlement in the window at most (mm)', ac_maxSettlementRateMmPerDay: 'Settlement rate at most (mm/d)',
    ac_maxGroundStrainUe: 'Ground strain at most (µε)', ac_noOpenOrangeRedAlerts: 'No open orange or red alert',
    ac_maxTiltMmPerM: 'Tilt between neighbouring markers at most (mm/m)', ac_maxCurvaturePerKm: 'Curvature at most (mm/m² = 10⁻³/m)',
    ac_neighbourDistanceM: 'Markers are neighbours up to (m)',
    repTitle: 'Reports of the phase', repVerifyFile: 'Verify a copy', repFormat: 'Format', repGenerate: 'Generate report',
    repDownload: 'Download', repVerify: 'Verify', repNone: 'No report generated yet.', repGenerated: 'Report #{id} generated.',
    repVerifying: 'Verifying…', repMatches: 'identical to stored report {ids}', repNoMatch: 'matches no stored report (altered or unknown)',
  },
  zh: {
    view_rules: '预警规则', viewRules: '规则', rulesEffective: '地块生效的规则及其来源',
    ruleNew: '新建规则', ruleName: '名称', ruleMeasures: '监测量', ruleLevels: '预警值', ruleWindow: '时间窗', ruleScope: '适用范围',
    ruleEdit: '编辑', ruleEditing: '编辑“{name}”', ruleMetric: '监测量', ruleStatistic: '统计方式',
    ruleParameter: '参数（百分位数，或计入长度的阈值）', ruleWindowHours: '时间窗（小时）',
    ruleLevelMode: '预警值为', levelMode_absolute: '本单位数值', levelMode_percent: '控制值的百分比',
    ruleControlValue: '控制值', rulePending: '连续达到几次后报警', ruleHysteresis: '回差（占阈值比例）',
    ruleSpikeFilter: '尖峰过滤（需确认后报警）', ruleEnabled: '启用', ruleDescription: '检查内容及依据',
    ruleUnit: '预警值单位：{unit}', ruleSaved: '已保存规则 #{id}。', level: '级别',
    scope_project: '整个项目', scope_phase: '第 {n} 期', scope_parcel: '地块 {code}',
    metric_fiber_strain: '地表应变（光纤）', metric_fiber_strain_rate: '地表应变速率（光纤）', metric_settlement: '沉降',
    metric_settlement_rate: '沉降速率', metric_tilt: '倾斜', metric_curvature: '曲率', metric_fiber_temperature: '光缆温度',
    statistic_max_abs: '绝对值最大', statistic_max: '最大值', statistic_min: '最小值', statistic_mean: '平均值',
    statistic_percentile: '百分位数', statistic_length_over: '超限光纤长度', statistic_change: '时间窗内变化量',
    backtestTitle: '回测：该规则本会触发的预警', backtestDays: '回测最近天数', backtestRun: '运行回测',
    backtestRunning: '正在用历史数据重放评估…', backtestChange: '事件',
    backtestSummary: '最近 {days} 天内 {parcels} 个地块共 {n} 条预警（{cycles} 个评估周期，每 {step} 分钟一次，用时 {s} 秒）。',
    noWebgl: '此浏览器不支持 WebGL，地图改用较慢的方式绘制（每个地块一个 SVG 图形）：大型场地可能需要较长时间才能显示。',
    searchParcel: '按编号查找地块', liveTitle: '实时更新', logout: '退出', layers: '图层', phases: '治理分期',
    parcels: '治理地块', cables: '光纤光缆', markers: '沉降观测点', boreholes: '钻孔',
    tabParcel: '地块', tabCable: '光缆', tabAlerts: '预警', clickParcel: '请在地图上点击地块。',
    clickCable: '请在地图上点击光缆。', allLevels: '全部级别', allPhases: '全部分期', state_open: '未关闭', state_all: '全部',
    code: '编号', phase: '分期', status: '状态', area: '面积', mu: '亩', landUse: '用地性质', flagLevel: '预警级别',
    flags: '当前判定', noFlags: '该地块没有适用的阈值规则。', unconfirmed: '待确认（仅一次测量，等待下一次）', awaitingFirst: '等待首次读数（自 {since} 起监测；{from} 起仍无数据则报无数据）', openAlerts: '未关闭预警', noAlerts: '暂无预警。',
    acknowledge: '确认', comment: '备注', addComment: '添加备注', commentPlaceholder: '检查或处置情况',
    acknowledged: '已确认', raised: '已触发', cleared: '已解除', by: '确认人', since: '起始',
    strainHistory: '最不利位置地表应变', settlementChart: '沉降观测点', noData: '该时段无数据。',
    groundStrain: '地表应变 (µε)', settlementMm: '沉降量 (mm)', chainage: '里程 (m)', strain: '应变 (µε)',
    temperature: '温度 (°C)', profileAt: '剖面时刻', traceTime: '测量', window: '时段', days: '天',
    value: '数值', threshold: '阈值', evidence: '依据', at: '位于', cable: '光缆', fiberDistance: '光纤距离',
    strainLegend: '地表应变 |ε| (µε)', fiberLength: '光纤长度', installation: '布设方式', coupling: '耦合系数', saved: '已保存', failed: '失败', notFound: '未找到地块',
    phaseLabel: '{n}期', chartThreshold: '{level}阈值', worstAt: '{cable} 光纤 {d} m 处', markerCount: '{n} 个观测点',
    readOnly: '查看者不能确认预警。', kind_no_data: '无数据',
    noDataSummary: '无数据的传感器（{n}）', silentSince: '无数据自', silentUntil: '恢复于', stillSilent: '仍无数据',
    parcelsAffected: '受影响地块', sensor_cable: '光缆', sensor_marker: '沉降观测点',
    acceptance: '验收判定', phaseReport: '本期验收报告（PDF）', generating: '正在生成报告…',
    state_raised: '已触发', state_acknowledged: '已确认', state_cleared: '已解除', allKinds: '全部类型', kind_threshold: '超阈值',
    allParcels: '全部地块', selectAll: '全选已触发', bulkAcknowledge: '批量确认', select: '选择',
    commentRequired: '请填写备注。', noneSelected: '未选择预警。', acknowledgedCount: '已确认 {n} 条预警',
    history: '处置记录', event_raised: '触发', event_escalated: '升级', event_lowered: '降级', event_acknowledged: '确认',
    event_comment: '备注', event_cleared: '解除',
    view_admin: '系统管理', view_import: '数据导入', view_levelling: '水准测量录入', viewAdmin: '系统管理',
    viewImport: '导入', viewLevelling: '水准录入', close: '关闭', users: '用户', tokens: 'API 令牌',
    channels: '通知渠道', role: '角色', role_viewer: '查看者', role_engineer: '工程师', role_admin: '管理员',
    role_ingest: '数据接入', allProjects: '全部项目', projects: '项目', disabled: '已停用', enabled: '启用',
    save: '保存', username: '用户名', createUser: '新建用户', passwordOnce: '{user} 的密码（仅显示这一次）：',
    tokenName: '令牌名称', validDays: '有效期（天）', createToken: '新建令牌', revoke: '吊销', revoked: '已吊销',
    secretOnce: '令牌密钥仅显示这一次，请立即复制：', channelName: '渠道名称',
    mqttTopic: 'MQTT 主题', minLevel: '最低级别', createChannel: '添加渠道', sendTest: '发送测试消息',
    delete: '删除', sending: '正在发送…', received: '已接收', notReceived: '未接收',
    importKind: '导入内容', import_parcels: '治理地块（GeoJSON、压缩的 Shapefile、GeoPackage）',
    import_boreholes: '钻孔台账（CSV/XLSX）', import_surveys: '钻孔测斜（CSV/XLSX）', import_qaTests: '质量检测（CSV/XLSX）',
    import_readings: '观测数据（CSV/JSON）', dropHere: '将文件拖到这里，或选择文件：', upsert: '更新已有编号',
    importTo: '导入到', checking: '正在校验…', importing: '正在导入…', importNow: '导入', wouldWrite: '将写入',
    written: '已写入', featureN: '第 {n} 个要素', rowN: '第 {n} 行', readingN: '第 {n} 条读数', countCreated: '新增 {n}',
    countUpdated: '更新 {n}', countBoreholes: '钻孔 {n} 个', countStations: '测点 {n} 个', countQaTests: '检测 {n} 项',
    countReadings: '读数 {n} 条', tooLarge: '文件过大', importHint_parcels: '属性：code、phase（分期序号）、name、landUse、status。',
    importHint_boreholes: '每孔一行：编号、类型、东坐标、北坐标、孔深、注浆量…',
    importHint_surveys: '列：code、md_m、inclination_deg、azimuth_deg。', importHint_qaTests: '每项检测一行：编号、类型、地块或钻孔、检测日期、结果。',
    importHint_readings: 'CSV 列：sensor、time、settlementMm 或 elevationM 或 value；或读数 JSON。',
    observedAt: '观测时间', quantity: '录入量', elevationM: '高程 (m)', marker: '观测点', parcel: '地块',
    lastValue: '上次数值', newValue: '本次数值', check: '校核', saveDespite: '仍然保存被标记的数值',
    noReading: '尚无读数', noMarkers: '该分期没有沉降观测点。', nothingEntered: '未录入数值。',
    implausible: '{days} 天内变化 {jump} mm，超出该点历史允许的 {allowed} mm', notJudged: '历史数据不足，无法判断',
    implausibleCount: '{n} 个数值远超该点历史变化：请核对，或确认后仍然保存。',
    allPlausible: '所有数值均合理。', levellingSaved: '已保存 {n} 条读数。',
    view_acceptance: '验收', viewAcceptance: '验收', accCriteria: '项目验收标准',
    accVerdicts: '本期验收判定', accVerdict: '判定', accEvidence: '逐项依据', accDecisions: '已记录的验收决定',
    accSummary: '{total} 亩中 {meets} 亩满足标准（{n} 个地块）；数据区间 {from} – {to}', yes: '是', no: '否',
    decision_accepted: '通过', decision_rejected: '不通过', accOnVerdict: '依据判定', accOverrideReason: '否决判定的理由',
    accNoDecisions: '尚无验收决定。', accDecide: '记录验收组决定', accDecision: '决定',
    accCommentPlaceholder: '验收组意见及会议纪要编号（必填）', accOverride: '不按判定结果通过',
    accRecord: '记录决定', accWholePhase: '整期', accRecorded: '已记录决定 #{id}。',
    ac_minQaPassRate: '检测合格率不低于', ac_minQaTests: '检测数量不少于', ac_minCoreStrengthMpa: '芯样强度不低于 (MPa)',
    ac_maxReinjectionShare: '检查孔补注量不超过（占注浆量比例）', ac_maxFluidLoss: '漏浆程度不超过',
    ac_minWaveVelocityMs: '波速不低于 (m/s)', ac_minGroutTakeM3PerMu: '注浆量不低于 (m³/亩)',
    ac_minObservationDays: '观测期不少于（天）', ac_stabilityMonths: '稳定性评价期（月）',
    ac_maxSettlementMm: '评价期内沉降不超过 (mm)', ac_maxSettlementRateMmPerDay: '沉降速率不超过 (mm/d)',
    ac_maxGroundStrainUe: '地表应变不超过 (µε)', ac_noOpenOrangeRedAlerts: '无未关闭的橙色或红色预警',
    ac_maxTiltMmPerM: '相邻沉降点倾斜不超过 (mm/m)', ac_maxCurvaturePerKm: '曲率不超过 (mm/m²，即 10⁻³/m)',
    ac_neighbourDistanceM: '相邻沉降点最大间距 (m)',
    repTitle: '本期报告', repVerifyFile: '核验副本', repFormat: '格式', repGenerate: '生成报告',
    repDownload: '下载', repVerify: '核验', repNone: '尚未生成报告。', repGenerated: '已生成报告 #{id}。',
    repVerifying: '正在核验…', repMatches: '与存档报告 {ids} 完全一致', repNoMatch: '与任何存档报告均不一致（已改动或未知）',
  },
};

let language = localStorage.getItem('goafwatch.lang')
  || ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function lang() { return language; }

const CATALOGUE = { en: {}, zh: {} };

/** Loads the server's catalogue of both languages (before the first render, so a switch needs no request). */
export async function loadCatalogue() {
  const [en, zh] = await Promise.all([get('/api/v1/messages?lang=en'), get('/api/v1/messages?lang=zh')]);
  CATALOGUE.en = en;
  CATALOGUE.zh = zh;
}

/** Whether the page or the catalogue has a text for the key. */
export function has(key) {
  return (STRINGS.en[key] ?? CATALOGUE.en[key]) !== undefined;
}

export function t(key, vars = {}) {
  const s = STRINGS[language][key] ?? CATALOGUE[language][key] ?? STRINGS.en[key] ?? CATALOGUE.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

/**
 * A server-made sentence (a message key and its arguments, as the acceptance API gives each criterion) in the page's
 * language, from the catalogue the reports use; its placeholders are java.util.Formatter's (%s, %d, %.Nf). The server's
 * English text when the catalogue lacks the key.
 */
export function message(key, args = [], fallback = '') {
  const s = key ? (CATALOGUE[language][key] ?? CATALOGUE.en[key]) : undefined;
  if (s === undefined) return fallback ?? '';
  let i = 0;
  return s.replace(/%(?:\.(\d+))?([sdf%])/g, (m, digits, conv) => {
    if (conv === '%') return '%';
    const v = args[i++];
    return conv === 'f' && digits !== undefined ? Number(v).toFixed(Number(digits)) : String(v ?? '');
  });
}

export function setLanguage(next) {
  language = next;
  localStorage.setItem('goafwatch.lang', next);
  apply();
}

/** Fills every element marked with data-i18n / data-i18n-placeholder / data-i18n-title. */
export function apply(root = document) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(e => { e.title = t(e.dataset.i18nTitle); });
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}
