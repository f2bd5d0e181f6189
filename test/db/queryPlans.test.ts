import { describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type AuditFilter, type CaseListFilter, type ListDriver } from '../../db/index.ts';
import type { AuditDriver } from '../../db/repositories/audit.ts';
import type { CaseScope } from '../../db/repositories/scope.ts';
import { RELIST_BETWEEN } from '../../db/repositories/tasks.ts';

/**
 * Every documented list filter, alone and in every combination, read through an index: the
 * query plan of each never SCANs cases, workflow instances, terms, tasks or audit, and never sorts
 * the matches (a temp B-tree), whichever filter drives it. Speed itself is measured in
 * bench/scale.ts; this guards the plans the figures depend on.
 */
const repos = createRepositories(openDatabase(':memory:'));
const plan = (text: string, params: unknown[]): string[] =>
  (repos.db.$client.prepare(`explain query plan ${text}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);

/** A full table walk or a sort of the whole match set: what makes a query grow with the data. */
function badSteps(lines: readonly string[]): string[] {
  return lines.filter((l) => (/^SCAN /.test(l) && !/VIRTUAL TABLE/.test(l)) || /TEMP B-TREE/.test(l));
}

const FILTERS: Record<string, Partial<CaseListFilter>> = {
  workflow: { workflow: 'repatriation' },
  state: { state: 'approved' },
  outcome: { outcome: 'returned' },
  nationality: { nationality: 'FR' },
  location: { location: 'camp' },
  child: { child: { value: true, today: '2026-03-01' } },
  adult: { child: { value: false, today: '2026-03-01' } },
  reference: { reference: 'KP-2026-0001' },
  id: { idPrefix: '0c1f2e3d' },
  names: { names: [{ token: 'mohammed', key: 'gmohammed' }, { token: 'haddad', key: 'shdd' }] },
};
const DRIVER_OF: Record<string, ListDriver> = {
  workflow: 'workflow', state: 'workflow', outcome: 'workflow', nationality: 'nationality', location: 'location',
  child: 'child', adult: 'child', reference: 'reference', id: 'id', names: 'names',
};

/** Every subset of the filters (child and adult exclude each other). */
function combinations(): string[][] {
  const names = Object.keys(FILTERS);
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << names.length; mask++) {
    const set = names.filter((_, i) => mask & (1 << i));
    if (set.includes('child') && set.includes('adult')) continue;
    out.push(set);
  }
  return out;
}

describe('case list query plans', () => {
  it('every filter alone and combined, with each of its filters driving and with a cursor, uses indexes only', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const set of combinations()) {
      const filter: CaseListFilter = Object.assign({ limit: 51 }, ...set.map((n) => FILTERS[n]));
      for (const driver of new Set(set.map((n) => DRIVER_OF[n]!))) {
        for (const after of [undefined, { driver, key: driver === 'names' ? 7 : 'KP-2026-000100', id: '0c1f2e3d-0000-4000-8000-000000000000' }]) {
          const q = repos.cases.listSql({ ...filter, ...(after ? { after } : {}) }, driver);
          const bad = badSteps(plan(q.sql, q.params));
          checked++;
          if (bad.length) failures.push(`${set.join('+')} driven by ${driver}${after ? ' after a cursor' : ''}: ${bad.join('; ')}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  });

  it('the unfiltered list walks the id index in order, a page at a time (no sort)', () => {
    for (const after of [undefined, { driver: 'all' as const, key: '', id: '0c1f2e3d-0000-4000-8000-000000000000' }]) {
      const q = repos.cases.listSql({ limit: 51, ...(after ? { after } : {}) });
      const lines = plan(q.sql, q.params);
      expect(lines.join('\n')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_cases_1/);
      expect(lines.filter((l) => /TEMP B-TREE/.test(l))).toEqual([]);
    }
  });

  it('the driver estimate reads each candidate index, never a table', () => {
    // chooseDriver's counts are `select 1 from <index range> limit N`: explained through the same SQL shapes.
    const shapes: Array<[string, unknown[]]> = [
      ['select 1 from workflow_instances w where w.kind = ? and w.state = ? limit 1000', ['a', 'b']],
      ['select 1 from workflow_instances w where w.state = ? limit 1000', ['b']],
      ['select 1 from workflow_instances w where w.outcome = ? limit 1000', ['b']],
      ["select 1 from case_terms where field = 'nationality' and term = ? limit 1000", ['FR']],
      ['select 1 from cases where adult_from > ? limit 1000', ['2026-01-01']],
      ['select 1 from cases where adult_from <= ? limit 1000', ['2026-01-01']],
    ];
    for (const [text, params] of shapes) expect(badSteps(plan(text, params)), text).toEqual([]);
  });
});

describe('tasks query plans', () => {
  it('by role or not, with or without a cursor: the (role, due) or (due) index in order', () => {
    for (const role of [undefined, 'supervisor']) {
      for (const after of [undefined, { dueSort: '2026-01-01', caseId: 'x', n: 0 }]) {
        const q = repos.tasks.listSql({ ...(role ? { role } : {}), today: '2026-03-01', ...(after ? { after } : {}), limit: 51 });
        const lines = plan(q.sql, q.params);
        expect(lines.filter((l) => /TEMP B-TREE/.test(l) || (/^SCAN /.test(l) && !/USING (COVERING )?INDEX tasks_/.test(l))), lines.join('\n')).toEqual([]);
        // Only the rows listed today are in the index walked: rows visible on other dates are never skipped over.
        expect(lines.some((l) => new RegExp(`USING INDEX tasks_listed_${role ? 'role_' : ''}due\\b`).test(l)), lines.join('\n')).toBe(true);
      }
    }
  });

  it('moving the list date reads only the rows whose window starts or ends in between', () => {
    const relist = RELIST_BETWEEN;
    const lines = plan(relist, [{ lo: '2026-03-01', hi: '2026-03-02', on: '2026-03-02' }]);
    expect(lines.filter((l) => /^SCAN tasks\b/.test(l) && !/USING/.test(l)), lines.join('\n')).toEqual([]);
    expect(lines.join('\n')).toMatch(/tasks_visible_from/);
    expect(lines.join('\n')).toMatch(/tasks_visible_until/);
  });
});

describe('audit query plans', () => {
  const FILTERS: Record<string, Partial<AuditFilter>> = {
    case: { caseId: '0c1f2e3d-0000-4000-8000-000000000000' },
    actor: { actor: 'u-1' },
    rule: { rule: 'KP-CHILD-02' },
    result: { result: 'refused' },
    workflow: { workflow: 'repatriation' },
    range: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    cursor: { afterSeq: 100 },
  };
  const drivers = (set: string[]): AuditDriver[] => {
    const out: AuditDriver[] = ['seq'];
    if (set.includes('case')) out.push('case');
    if (set.includes('actor')) out.push(set.includes('result') ? 'actorResult' : 'actor');
    if (set.includes('rule')) out.push('rule');
    if (set.includes('result') && !set.includes('actor')) out.push('result');
    if (set.includes('workflow')) out.push('workflow');
    return out;
  };

  it('actor, rule, result, workflow, case and a time range, alone and combined, each driving: indexes only, in seq order', () => {
    const names = Object.keys(FILTERS);
    const failures: string[] = [];
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const set = names.filter((_, i) => mask & (1 << i));
      const filter: AuditFilter = Object.assign({ limit: 51 }, ...set.map((n) => FILTERS[n]));
      for (const driver of drivers(set)) {
        const q = repos.audit.listSql(filter, driver);
        const lines = plan(q.sql, q.params);
        // The seq driver walks the primary key (seq is the rowid) from the range's start: a SEARCH on it.
        const bad = lines.filter((l) => /TEMP B-TREE/.test(l) || (/^SCAN /.test(l) && !/VIRTUAL TABLE/.test(l)));
        if (bad.length) failures.push(`${set.join('+')} driven by ${driver}: ${bad.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the case page's timeline, newest or oldest first, before or after a record, filtered, and its summary of warnings: the case index in order", () => {
    const caseId = '0c1f2e3d-0000-4000-8000-000000000000';
    const failures: string[] = [];
    let checked = 0;
    for (const order of ['asc', 'desc'] as const) {
      for (const cursor of [{}, { afterSeq: 100 }, { beforeSeq: 100 }]) {
        for (const extra of [{}, { workflow: 'screening' }, { result: 'refused' }, { warned: true }, { workflow: 'screening', result: 'pending' }] as Array<Partial<AuditFilter>>) {
          const filter: AuditFilter = { caseId, order, ...cursor, ...extra, limit: 51 };
          for (const driver of ['case', ...(extra.result ? ['result'] : []), ...(extra.workflow ? ['workflow'] : [])] as AuditDriver[]) {
            const q = repos.audit.listSql(filter, driver);
            const lines = plan(q.sql, q.params);
            checked++;
            const bad = badSteps(lines);
            if (driver === 'case' && !lines.some((l) => /^SEARCH a USING INDEX audit_case \(case_id=\? AND seq>\? AND seq<\?\)$/.test(l))) bad.push('not a range of audit_case');
            if (bad.length) failures.push(`${JSON.stringify(filter)} driven by ${driver}: ${bad.join('; ')}\n${lines.join('\n')}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('a time bound becomes a seq bound through the `at` index', () => {
    for (const text of ['select seq from audit where at >= ? order by at, seq limit 1', 'select seq from audit where at <= ? order by at desc, seq desc limit 1']) {
      const lines = plan(text, ['2026-01-01T00:00:00.000Z']);
      expect(lines.join('\n')).toMatch(/SEARCH audit USING COVERING INDEX audit_at/);
      expect(lines.filter((l) => /TEMP B-TREE/.test(l))).toEqual([]);
    }
  });
});

describe('need-to-know scope query plans (issue 10)', () => {
  const SCOPES: Record<string, CaseScope> = {
    caseworker: { userId: 'u-1', teams: true, bidStates: null, legalIdle: null, at: '2026-03-01T00:00:00.000Z' },
    bid_panel: { userId: 'u-2', teams: false, bidStates: ['panel_review'], legalIdle: null, at: '2026-03-01T00:00:00.000Z' },
    every_part: { userId: 'u-3', teams: true, bidStates: ['panel_review'], legalIdle: 'no_proceedings', at: '2026-03-01T00:00:00.000Z' },
  };

  it('a scoped list, every filter driving, with and without a cursor: the driver\'s index in order, each scope part one indexed lookup', () => {
    const failures: string[] = [];
    for (const [name, scope] of Object.entries(SCOPES)) {
      for (const [filterName, f] of [['none', {}], ...Object.entries(FILTERS)] as Array<[string, Partial<CaseListFilter>]>) {
        const driver: ListDriver = DRIVER_OF[filterName] ?? 'all';
        for (const after of [undefined, { driver, key: driver === 'names' ? 7 : 'KP-2026-000100', id: '0c1f2e3d-0000-4000-8000-000000000000' }]) {
          const q = repos.cases.listSql({ limit: 51, ...f, scope, ...(after ? { after } : {}) }, driver);
          const lines = plan(q.sql, q.params);
          // The scope's parts are lookups on their own keys (never a walk of teams, assignments, grants or audit).
          const walks = lines.filter((l) => /^SCAN (team_members|case_assignments|break_glass|audit|workflow_instances)\b/.test(l));
          // Unfiltered, the id index is walked in order, a page at a time (as without a scope).
          const bad = [...badSteps(lines).filter((l) => !(driver === 'all' && /^SCAN c USING INDEX sqlite_autoindex_cases_1$/.test(l))), ...walks];
          if (lines.some((l) => /^SEARCH sl USING .*\(kind=\?\)$/.test(l))) bad.push('the legal part reads every legal instance');
          if (bad.length) failures.push(`${name} ${filterName}${after ? ' after a cursor' : ''}: ${bad.join('; ')}\n${lines.join('\n')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('scoped tasks and audit pages read their own indexes; an admin\'s caseless audit reads audit_case', () => {
    for (const scope of Object.values(SCOPES)) {
      const tq = repos.tasks.listSql({ role: 'caseworker', today: '2026-03-01', scope, limit: 51 });
      const tl = plan(tq.sql, tq.params);
      expect(tl.filter((l) => /TEMP B-TREE/.test(l) || (/^SCAN /.test(l) && !/USING (COVERING )?INDEX tasks_/.test(l) && !/^SCAN tm\b/.test(l))), tl.join('\n')).toEqual([]);
      const aq = repos.audit.listSql({ scope, limit: 51 }, 'seq');
      const al = plan(aq.sql, aq.params);
      expect(al.filter((l) => /TEMP B-TREE/.test(l) || (/^SCAN /.test(l) && !/^SCAN a\b/.test(l) && !/^SCAN tm\b/.test(l))), al.join('\n')).toEqual([]);
    }
    const caseless = repos.audit.listSql({ caseless: true, limit: 51 }, 'case');
    const lines = plan(caseless.sql, caseless.params);
    expect(lines.join('\n')).toMatch(/audit_case/);
    expect(lines.filter((l) => /TEMP B-TREE/.test(l))).toEqual([]);
  });
});
