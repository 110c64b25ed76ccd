// Charts (Apache ECharts): time series with threshold lines, and profiles along a cable's chainage.
import { t, formatTime } from './i18n.js';
import { LEVEL_COLOURS } from './map-style.js';
import { script, ECHARTS } from './scripts.js';

const charts = new WeakMap();

async function chartIn(element) {
  await script(ECHARTS);
  let c = charts.get(element);
  if (!c) {
    c = echarts.init(element, null, { renderer: 'canvas' });
    charts.set(element, c);
    new ResizeObserver(() => c.resize()).observe(element);
  }
  return c;
}

/** thresholds: [{level, value}] drawn as horizontal lines in the level's colour (both signs for |x| rules). */
function thresholdLines(thresholds, symmetric) {
  const lines = [];
  for (const th of thresholds) {
    for (const sign of symmetric ? [1, -1] : [1]) {
      lines.push({ yAxis: sign * th.value, lineStyle: { color: LEVEL_COLOURS[th.level], type: 'dashed', width: 1.5 },
        label: { formatter: t('chartThreshold', { level: t('level.' + th.level) }), color: LEVEL_COLOURS[th.level] } });
    }
  }
  return lines;
}

/** series: [{name, points: [[isoTime, value], …]}] */
export async function timeChart(element, yName, series, thresholds = [], symmetric = false) {
  const c = await chartIn(element);
  c.setOption({
    animation: false,
    grid: { left: 56, right: 24, top: 56, bottom: 40 },
    // richText: tooltips are drawn on the canvas, so series names (marker codes) never become HTML
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: v => (v == null ? '' : Number(v).toFixed(2)) },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'time', axisLabel: { formatter: v => formatTime(v).slice(0, 16) , hideOverlap: true } },
    yAxis: { type: 'value', name: yName, nameTextStyle: { align: 'left' }, scale: true },
    series: series.map((s, i) => ({
      name: s.name, type: 'line', showSymbol: s.points.length < 60, data: s.points,
      markLine: i === 0 && thresholds.length ? { symbol: 'none', silent: true, data: thresholdLines(thresholds, symmetric) } : undefined,
    })),
  }, true);
  return c;
}

/** Strain and temperature against chainage, parcels shaded as bands named by their code. */
export async function profileChart(element, samples, parcels) {
  const c = await chartIn(element);
  const x = s => (s.chainageM ?? s.distanceM);
  c.setOption({
    animation: false,
    grid: { left: 56, right: 56, top: 56, bottom: 40 },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { top: 0 },
    xAxis: { type: 'value', name: t('chainage'), nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: [{ type: 'value', name: t('strain'), scale: true }, { type: 'value', name: t('temperature'), scale: true }],
    series: [
      { name: t('strain'), type: 'line', showSymbol: false, data: samples.map(s => [x(s), s.strainUe]),
        markArea: { silent: true, itemStyle: { color: 'rgba(53,80,107,0.08)' }, label: { position: 'insideTop', color: '#35506b' },
          data: parcels.map(p => [{ name: p.code, xAxis: p.from }, { xAxis: p.to }]) } },
      { name: t('temperature'), type: 'line', yAxisIndex: 1, showSymbol: false, lineStyle: { type: 'dotted' },
        data: samples.filter(s => s.temperatureC != null).map(s => [x(s), s.temperatureC]) },
    ],
  }, true);
  return c;
}
