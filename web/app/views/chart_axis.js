// A date axis shared by the timeline and the trajectories: days since the epoch mapped linearly to
// x, with a tick at the start of each month or year that fits.

export function dayNumber(date) {
  const text = String(date);
  const padded = text.length === 4 ? `${text}-07-01` : text.length === 7 ? `${text}-15` : text;
  return Math.floor(Date.parse(`${padded}T00:00:00Z`) / 86400000);
}

export function dateAxis(firstDate, lastDate, left, width) {
  const first = dayNumber(firstDate);
  const last = Math.max(dayNumber(lastDate), first + 1);
  const x = (date) => left + ((dayNumber(date) - first) / (last - first)) * width;
  const ticks = [];
  const start = new Date(first * 86400000);
  const months = (last - first) / 30.4;
  const stepMonths = months <= 8 ? 1 : months <= 24 ? 3 : months <= 60 ? 6 : 12;
  let year = start.getUTCFullYear();
  let month = Math.ceil((start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0)) / stepMonths) * stepMonths;
  for (;;) {
    if (month >= 12) { year += Math.floor(month / 12); month %= 12; }
    const iso = `${year}-${String(month + 1).padStart(2, '0')}-01`;
    if (dayNumber(iso) > last) break;
    ticks.push({ x: x(iso), label: month === 0 || stepMonths === 12 ? String(year) : `${iso.slice(0, 7)}` });
    month += stepMonths;
  }
  return { x, ticks };
}
