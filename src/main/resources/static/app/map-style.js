// Colours and cable strain classes shared by the map (MapLibre), its Leaflet fallback, the legend and the panel.
export const LEVEL_COLOURS = {
  red: '#d62728', orange: '#ff7f0e', yellow: '#f2c80f', blue: '#1f77b4', ok: '#2ca02c',
  no_data: '#8c8c8c', unknown: '#c7c7c7', not_monitored: '#ffffff',
};
// ground strain |ε| classes in µε: half of class I, class I (2 mm/m), class II (4 mm/m), beyond
export const STRAIN_CLASSES = [[1000, '#2ca02c'], [2000, '#f2c80f'], [4000, '#ff7f0e'], [Infinity, '#d62728']];
export const NO_STRAIN = '#607d8b';
export const SEGMENT_SAMPLES = 10;

export function strainColour(groundUe) {
  if (groundUe == null || Number.isNaN(groundUe)) return NO_STRAIN;
  return STRAIN_CLASSES.find(([limit]) => Math.abs(groundUe) <= limit)[1];
}

export function maxAbs(values) {
  const v = values.filter(x => x != null);
  if (!v.length) return null;
  return v.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), v[0]);
}
