/**
 * The simulator's "active pricing configuration". Flat prices come from the reference (script 3, render 30,
 * metadata 0); the per-unit table is chosen so the reference's examples come out exactly: a 12-slide Story is
 * 120 image + 27 narration + 3 transcription credits (183 in all), and a preview-only Rants needs 54.
 * Create holds exactly this estimate and captures it step by step, so estimate, readiness and charges agree.
 */
import { getPath } from './paths';
import type { TemplateId } from './rules/templates';

export const PRICING_VERSION = '2026-03-19.public-pricing-estimate-v002';

export const PRICES = {
  script: 3,
  render: 30,
  metadata: 0,
  imagePerSlide: 10,
  narrationPerUnit: 1,
  transcription: 3,
  slideAnimationPerSecond: 10,
  outroImage: 10,
} as const;

export const DEFAULT_STORY_SLIDES = 12;
export const DEFAULT_LIST_ITEMS = 5;

/** Narration units of templates whose script length does not depend on a request field. */
const FIXED_NARRATION_UNITS: Partial<Record<TemplateId, number>> = {
  dmstory: 40,
  confession: 45,
  didyouknow: 30,
  rants: 48,
  ranking: 0,
};

export interface Estimate {
  preview_only: boolean;
  slides: number;
  narration_units: number;
  script_credits: number;
  image_credits: number;
  narration_credits: number;
  transcription_credits: number;
  metadata_credits: number;
  render_credits: number;
  total_credits: number;
  pricing_version: string;
  pricing_source: 'configured_pricing';
}

export function storySlides(request: unknown): number {
  const n = getPath(request, 'script.images_requested');
  return typeof n === 'number' && Number.isInteger(n) ? n : DEFAULT_STORY_SLIDES;
}

export function listItems(request: unknown): number {
  const n = getPath(request, 'script.item_count');
  return typeof n === 'number' && Number.isInteger(n) ? n : DEFAULT_LIST_ITEMS;
}

export function isPreviewOnly(request: unknown): boolean {
  return getPath(request, 'preview_only') === true;
}

export function narrationUnits(template: TemplateId, request: unknown): number {
  if (template === 'story') return 2 * storySlides(request) + 3;
  if (template === 'list') return 4 * listItems(request) + 6;
  return FIXED_NARRATION_UNITS[template] ?? 0;
}

export function estimate(template: TemplateId, request: unknown): Estimate {
  const previewOnly = isPreviewOnly(request);
  const slides = template === 'story' ? storySlides(request) : 0;
  const units = narrationUnits(template, request);
  const parts = {
    script_credits: PRICES.script,
    image_credits: slides * PRICES.imagePerSlide,
    narration_credits: units * PRICES.narrationPerUnit,
    transcription_credits: units > 0 ? PRICES.transcription : 0,
    metadata_credits: PRICES.metadata,
    render_credits: previewOnly ? 0 : PRICES.render,
  };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  return {
    preview_only: previewOnly,
    slides,
    narration_units: units,
    ...parts,
    total_credits: total,
    pricing_version: PRICING_VERSION,
    pricing_source: 'configured_pricing',
  };
}
