// Classic-script libraries fetched when first needed rather than before the page's module code runs: ECharts
// (about 1 MB, only for the panel's charts) and Leaflet (the fallback map and the import preview). Parsing them up
// front delayed the vector-tile map's first render (README, "Web map" under Benchmarks).
const loading = new Map();

export const ECHARTS = '/webjars/echarts/dist/echarts.min.js';
export const LEAFLET = '/webjars/leaflet/dist/leaflet.js';

/** Resolves once the same-origin script at src has run (at most one fetch per script); CSP script-src 'self' allows it. */
export function script(src) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const el = document.createElement('script');
      el.src = src;
      el.addEventListener('load', resolve);
      el.addEventListener('error', () => { loading.delete(src); reject(new Error(`${src} did not load`)); });
      document.head.append(el);
    }));
  }
  return loading.get(src);
}
