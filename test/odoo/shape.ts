// Compares the shape of two Odoo answers: envelope keys, record keys and the kind of each value. Values
// themselves differ between a real database and the fake (ids, names, dates) and are not compared.

export type Kind = 'empty' | 'boolean' | 'number' | 'string' | 'many2one' | 'list' | 'object';

/** false/null/[] are "empty": Odoo sends false for an unset char, date or many2one alike. */
export function kindOf(value: unknown): Kind {
  if (value === false || value === null || value === undefined) return 'empty';
  if (value === true) return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) {
    if (value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string') return 'many2one';
    return value.length === 0 ? 'empty' : 'list';
  }
  return 'object';
}

const isRecordList = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));

/** Differences between the recorded shape and the one received; empty when they match. */
export function shapeProblems(recorded: unknown, got: unknown, where = '$'): string[] {
  const rk = kindOf(recorded);
  const gk = kindOf(got);
  // An empty value on either side says nothing about the field's type, except for whole answers that must
  // not be empty when the real server returned rows.
  if (rk === 'empty') return [];
  if (gk === 'empty') return where.endsWith(']') || where === '$' || where.endsWith('.result') || where.endsWith('.body') ? [`${where}: expected ${rk}, got empty`] : [];
  if (rk === 'boolean' && gk === 'boolean') return [];
  if (rk !== gk) {
    // A list of many2one pairs (name_search) of length 2 is still a list.
    if (rk === 'list' && gk === 'many2one' || rk === 'many2one' && gk === 'list') return [];
    return [`${where}: expected ${rk}, got ${gk}`];
  }
  if (rk === 'object') {
    const r = recorded as Record<string, unknown>;
    const g = got as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(r)) if (!(key in g)) problems.push(`${where}.${key}: missing`);
    for (const key of Object.keys(g)) if (!(key in r)) problems.push(`${where}.${key}: unexpected`);
    for (const key of Object.keys(r)) if (key in g) problems.push(...shapeProblems(r[key], g[key], `${where}.${key}`));
    return problems;
  }
  if (rk === 'list') {
    if (isRecordList(recorded)) {
      if (!isRecordList(got)) return [`${where}: expected a list of records`];
      // Each received record is compared with every recorded one's keys, field by field against the first
      // recorded record that has a non-empty value for it.
      const problems: string[] = [];
      const keys = Object.keys(recorded[0]!);
      for (const [i, row] of got.entries()) {
        const gotKeys = Object.keys(row);
        if (gotKeys.sort().join() !== [...keys].sort().join()) problems.push(`${where}[${i}]: keys ${gotKeys.join(',')} != ${keys.join(',')}`);
        for (const key of keys) {
          const sample = recorded.find((r) => kindOf(r[key]) !== 'empty')?.[key];
          problems.push(...shapeProblems(sample, row[key], `${where}[${i}].${key}`));
        }
      }
      return problems;
    }
    const items = recorded as unknown[];
    const kinds = new Set(items.map(kindOf).filter((k) => k !== 'empty'));
    if (kinds.size > 1) {
      // A tuple such as version_info [17, 0, 0, "final", 0, ""]: position by position.
      if ((got as unknown[]).length !== items.length) return [`${where}: expected ${items.length} items, got ${(got as unknown[]).length}`];
      return items.flatMap((item, i) => shapeProblems(item, (got as unknown[])[i], `${where}[${i}]`));
    }
    const sample = items.find((x) => kindOf(x) !== 'empty');
    return (got as unknown[]).flatMap((item, i) => shapeProblems(sample, item, `${where}[${i}]`));
  }
  return [];
}
