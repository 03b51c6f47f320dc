import { call, simulatorSuite, uniqueKey, waitForTerminal, type Json } from './helpers';

describe('cost estimate, readiness and voice actors', () => {
  const { sim } = simulatorSuite();

  it("reproduces the reference's 12-slide Story estimate exactly", async () => {
    const res = await call(sim, 'POST', '/api/v1/cost-estimate', {
      body: { template: 'story', request: { preview_only: false, script: { images_requested: 12 } } },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      request_id: expect.any(String),
      template: 'story',
      template_version: 'v001',
      estimate: {
        preview_only: false,
        slides: 12,
        narration_units: 27,
        script_credits: 3,
        image_credits: 120,
        narration_credits: 27,
        transcription_credits: 3,
        metadata_credits: 0,
        render_credits: 30,
        total_credits: 183,
        pricing_version: '2026-03-19.public-pricing-estimate-v002',
        pricing_source: 'configured_pricing',
      },
    });
  });

  it('sets render_credits to 0 for preview_only, and what create charges matches the estimate', async () => {
    // The create answer's `estimate` is beyond the reference: the answerExtras option.
    sim.configure({ answerExtras: true });
    const request = { preview_only: true, script: { item_count: 7 } };
    const quote = await call(sim, 'POST', '/api/v1/cost-estimate', { body: { template: 'list', request } });
    expect(quote.json.estimate.render_credits).toBe(0);
    const created = await call(sim, 'POST', '/api/v1/list/videos', { body: request, idempotencyKey: uniqueKey() });
    expect(created.json.estimate.held_credits).toBe(quote.json.estimate.total_credits);
    await waitForTerminal(sim, 'list', created.json.video_id);
    const pro = (sim.state().accounts as Json[])[0];
    expect(10_000 - pro.balance).toBe(quote.json.estimate.total_credits);
  });

  it('422 validation_failed for an unknown template or an invalid request', async () => {
    const unknown = await call(sim, 'POST', '/api/v1/cost-estimate', { body: { template: 'shorts', request: {} } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.template).toBeDefined();
    const invalid = await call(sim, 'POST', '/api/v1/cost-estimate', {
      body: { template: 'story', request: { script: { images_requested: 5 } } },
    });
    expect(invalid.json.error.details['request.script.images_requested']).toBeDefined();
  });

  it("reproduces the reference's readiness example for the starter plan", async () => {
    const plain = await call(sim, 'POST', '/api/v1/account/readiness', {
      key: 'sk_test_starter',
      body: { template: 'rants', request: { preview_only: true } },
    });
    // The reference's template_readiness has no blockers list; it is the answerExtras option.
    expect(plain.json.template_readiness.blockers).toBeUndefined();
    sim.configure({ answerExtras: true });
    const res = await call(sim, 'POST', '/api/v1/account/readiness', {
      key: 'sk_test_starter',
      body: {
        template: 'rants',
        request: { preview_only: true, prompt: 'A rant about fake friends who only text when they are bored.' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.account).toEqual({
      plan_code: 'starter',
      plan_label: 'Starter',
      api_access: false,
      mcp_access: false,
      available_credits: 50,
      allowed_templates: ['rants'],
    });
    expect(res.json.template_readiness).toMatchObject({
      template: 'rants',
      template_access: true,
      required_credits: 54,
      available_credits: 50,
      credits_needed: 4,
      ready_to_create: false,
    });
    expect(res.json.template_readiness.blockers.map((b: Json) => b.code)).toEqual([
      'membership_api_required',
      'insufficient_credits',
    ]);
  });

  it('readiness reports template and MCP blockers and agrees with create', async () => {
    sim.configure({ answerExtras: true });
    const mcp = await call(sim, 'POST', '/api/v1/account/readiness', {
      key: 'sk_test_storyonly',
      headers: { 'x-trending-client': 'mcp' },
      body: { template: 'ranking', request: {} },
    });
    expect(mcp.json.template_readiness.blockers.map((b: Json) => b.code)).toEqual([
      'membership_mcp_required',
      'membership_template_required',
    ]);
    const ready = await call(sim, 'POST', '/api/v1/account/readiness', { body: { template: 'story', request: {} } });
    expect(ready.json.template_readiness).toMatchObject({ ready_to_create: true, required_credits: 183, blockers: [] });
    const missing = await call(sim, 'POST', '/api/v1/account/readiness', { key: null, body: { template: 'story' } });
    expect(missing.json.error.code).toBe('missing_api_key');
  });

  it('lists voice actors and favourites them globally or per template', async () => {
    const list = await call(sim, 'GET', '/api/v1/voice-actors');
    expect(list.json.voice_actors.length).toBeGreaterThanOrEqual(5);
    expect(list.json.voice_actors[0]).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
      gender: expect.any(String),
      age: expect.any(String),
      accent: expect.any(String),
      preview_url: expect.any(String),
      is_favorite: false,
    });
    const fav = await call(sim, 'POST', '/api/v1/voice-actors/233/favorite', { body: { favorite: true } });
    expect(fav.json.voice_actor).toMatchObject({ id: 233, is_favorite: true });
    const perTemplate = await call(sim, 'POST', '/api/v1/voice-actors/101/favorite', {
      body: { favorite: true, template: 'story' },
    });
    expect(perTemplate.json.voice_actor).toMatchObject({ is_favorite: false, favorite_templates: ['story'] });
    const unfav = await call(sim, 'POST', '/api/v1/voice-actors/233/favorite', { body: { favorite: false } });
    expect(unfav.json.voice_actor.is_favorite).toBe(false);
    const other = await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_poor' });
    expect(other.json.voice_actors.find((v: Json) => v.id === 101).favorite_templates).toEqual([]);
    expect(
      (await call(sim, 'POST', '/api/v1/voice-actors/1/favorite', { body: { favorite: true } })).json.error.code,
    ).toBe('voice_actor_not_found');
    const bad = await call(sim, 'POST', '/api/v1/voice-actors/233/favorite', {
      body: { favorite: true, template: 'ranking' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('validation_failed');
  });
});
