import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramOf, mermaid } from '../../workflows/diagram.ts';
import { allLatest, latest } from '../../workflows/index.ts';
import { testApp } from '../support/app.ts';

describe('workflow diagrams', () => {
  it('Mermaid stateDiagram-v2 with every transition labelled by event and guarding rules', () => {
    const text = mermaid(latest('screening')!);
    expect(text.split('\n')[0]).toBe('stateDiagram-v2');
    expect(text).toContain('[*] --> pending');
    expect(text).toContain('pending --> in_progress : START');
    expect(text).toContain('submitted --> completed : APPROVE [KP-SCR-01, KP-SCR-05, KP-SYS-03]');
    expect(text).toContain('in_progress --> in_progress : RECORD_INTERVIEW [KP-SCR-05, KP-GEN-01]');
  });

  it('draws parent states as composite blocks after the edges, with a transition drawn once from the parent that declares it', () => {
    const def = latest('legal')!;
    const text = mermaid(def);
    const lines = text.split('\n');
    expect(text).toContain('  proceedings --> closed : CLOSE [KP-JUS-05, KP-SYS-01]');
    expect(text).toContain('  court --> closed : ANNUL_REFERRAL [KP-SYS-01, KP-SYS-03]');
    expect(lines.filter((l) => l.includes(' : CLOSE '))).toHaveLength(1);
    // Mermaid draws a state in the last block that mentions it: the blocks close the diagram.
    const block = lines.indexOf('  state proceedings {');
    expect(lines.slice(block).some((l) => l.includes(' : '))).toBe(false);
    expect(lines.slice(block)).toEqual(['  state proceedings {', '    investigation', '    diversion', '    [*] --> investigation', '    state court {', '      charged', '      judgment', '      appeal', '      [*] --> charged', '    }', '  }']);
    const d = diagramOf(def);
    expect(d.nodes.find((n) => n.id === 'court')).toEqual({ id: 'court', initial: false, final: false, parent: 'proceedings', compound: true });
    expect(d.nodes.find((n) => n.id === 'charged')).toEqual({ id: 'charged', initial: true, final: false, parent: 'court' });
    expect(d.nodes.find((n) => n.id === 'no_proceedings')).toEqual({ id: 'no_proceedings', initial: true, final: false });
  });

  it('every registered workflow has a diagram whose edges join known states', () => {
    for (const def of allLatest()) {
      const d = diagramOf(def);
      const ids = new Set(d.nodes.map((n) => n.id));
      expect(ids.has(d.initial), def.kind).toBe(true);
      for (const e of d.edges) {
        expect(ids.has(e.from) && ids.has(e.to), `${def.kind} ${e.from} -${e.event}-> ${e.to}`).toBe(true);
        for (const r of e.rules) expect(r).toMatch(/^KP-[A-Z]+-\d\d$/);
      }
      const text = mermaid(def);
      expect(text.split('\n').filter((l) => l.includes(' : ')).length).toBe(d.edges.length);
      // No label may contain Mermaid syntax characters.
      for (const l of text.split('\n').filter((x) => x.includes(' : '))) expect(l.split(' : ')[1]).not.toMatch(/[:;#]/);
    }
  });

  describe('GET /v1/workflows/:kind/diagram', () => {
    let t: Awaited<ReturnType<typeof testApp>>;
    beforeAll(async () => {
      t = await testApp();
    });
    afterAll(async () => t.close());

    it('serves Mermaid text by default and JSON nodes and edges on request', async () => {
      const m = await t.request('reviewer', 'GET', '/v1/workflows/screening/diagram?format=mermaid');
      expect(m.status).toBe(200);
      expect(m.raw.headers['content-type']).toMatch(/^text\/plain/);
      expect(m.raw.body).toBe(mermaid(latest('screening')!));
      const j = await t.request('caseworker', 'GET', '/v1/workflows/screening/diagram?format=json');
      expect(j.status).toBe(200);
      expect(j.body.nodes).toEqual(expect.arrayContaining([{ id: 'pending', initial: true, final: false }]));
      expect(j.body.edges).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'submitted', to: 'completed', event: 'APPROVE', rules: ['KP-SCR-01', 'KP-SCR-05', 'KP-SYS-03'] })]));
    });

    it('404 for an unknown workflow or version, 400 for an unknown format', async () => {
      expect((await t.request('policy', 'GET', '/v1/workflows/nope/diagram')).status).toBe(404);
      expect((await t.request('policy', 'GET', '/v1/workflows/screening/diagram?version=99')).status).toBe(404);
      expect((await t.request('policy', 'GET', '/v1/workflows/screening/diagram?format=svg')).status).toBe(400);
      expect((await t.request(null, 'GET', '/v1/workflows/screening/diagram')).status).toBe(401);
    });
  });
});
