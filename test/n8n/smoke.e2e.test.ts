/**
 * The harness itself, proven with the simplest operation: the packed package loads in a real n8n as a community
 * package, n8n decrypts the imported credential and authenticates the request, and the node returns items.
 */
import { inject } from 'vitest';
import { describeE2e, type E2eContext, e2eContext, expectRunSucceeded } from './context';
import { loadWorkflow, nodeItems, packageProblems } from './harness';

describeE2e('smoke: the packed package in n8n 2.41.1', () => {
  let ctx: E2eContext;

  beforeAll(async () => {
    ctx = await e2eContext('smoke');
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  it('packs like a community package: no node_modules, no runtime dependencies, every n8n entry present', () => {
    const pkg = inject('pkg');
    expect(packageProblems(pkg)).toEqual([]);
    expect(pkg.manifest.n8n?.nodes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Trending\.node\.js$/),
        expect.stringMatching(/TrendingTrigger\.node\.js$/),
      ]),
    );
  });

  it('Voice Actor > List returns the voices, authenticated with the imported credential', async () => {
    const wf = loadWorkflow('voice-actors');
    await ctx.n8n.importWorkflow(wf);
    const out = await ctx.n8n.execute(wf.id);
    expectRunSucceeded(out);

    const items = nodeItems(out.run, 'List Voice Actors');
    // n8n sent the key (from the encrypted credential) as a Bearer header: the simulator accepted it as the pro account.
    const calls = ctx.sim.requests().filter((r) => r.path === '/api/v1/voice-actors');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', status: 200, account_id: 1 });
    expect(calls[0]!.headers.authorization).toBe('[REDACTED]');

    const res = await fetch(`${ctx.sim.url}/api/v1/voice-actors`, {
      headers: { authorization: `Bearer ${ctx.sim.keys.pro}` },
    });
    const expected = ((await res.json()) as { voice_actors: Array<{ id: number; name: string }> }).voice_actors;
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((i) => ({ id: i.json.id, name: i.json.name }))).toEqual(
      expected.map((v) => ({ id: v.id, name: v.name })),
    );
    for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
  });
});
