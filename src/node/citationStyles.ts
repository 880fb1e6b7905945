// Reads CSL styles and locales from disk (the shipped ones in media/csl, or any .csl file) and keeps one renderer per style and locale.
import { readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { CitationRenderer } from '../core/cite/citationRenderer';
import { readCitationStyle } from '../core/cite/citationStyle';

/** The styles shipped with the extension, by the name the settings and `csl:` use. */
export const SHIPPED_STYLES = ['apa', 'chicago-author-date', 'ieee', 'vancouver', 'harvard-cite-them-right', 'nature'] as const;

/** Whether a style setting names a shipped style (`apa`, or `apa.csl`) rather than a file. */
export const isShippedStyle = (style: string): boolean => (SHIPPED_STYLES as readonly string[]).includes(style.replace(/\.csl$/, ''));

export const DEFAULT_STYLE = 'apa';
export const DEFAULT_LOCALE = 'en-US';

/** A style or locale file larger than this is not one. */
const MAX_CSL_FILE = 4 * 1024 * 1024;

export type RendererFor = { readonly kind: 'renderer'; readonly renderer: CitationRenderer } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * The renderers of the styles in use, made once per style file (as last modified) and
 * locale: reading a style into citeproc is slow, formatting with it is not.
 */
export class CitationStyles {
  private readonly renderers = new Map<string, CitationRenderer>();
  private readonly locales = new Map<string, string | undefined>();

  /** `cslDir` holds the shipped `styles/` and `locales/`. */
  constructor(private readonly cslDir: string) {}

  /** The style's file: a shipped style by name, else a path (`.csl` added when missing), relative to `baseDir`. */
  styleFile(style: string, baseDir: string | undefined): string {
    const name = style.trim();
    if (isShippedStyle(name)) return join(this.cslDir, 'styles', `${name.replace(/\.csl$/, '')}.csl`);
    const path = isAbsolute(name) || !baseDir ? resolve(name) : resolve(baseDir, name);
    return /\.[a-z]+$/i.test(basename(path)) ? path : `${path}.csl`;
  }

  /** The renderer of a style and locale; `lang` undefined takes the style's default locale, else en-US. Never throws. */
  rendererFor(style: string, lang: string | undefined, baseDir?: string): RendererFor {
    const file = this.styleFile(style, baseDir);
    let stamp: string;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return { kind: 'invalid', reason: `The citation style ${file} is not a file.` };
      if (stat.size > MAX_CSL_FILE) return { kind: 'invalid', reason: `The citation style ${file} is larger than a style can be (${Math.round(stat.size / 1024)} KB).` };
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return { kind: 'invalid', reason: `The citation style ${file} does not exist; use one of ${SHIPPED_STYLES.join(', ')} or the path of a .csl file.` };
    }
    const id = `${file}\n${stamp}\n${lang ?? ''}`;
    const made = this.renderers.get(id);
    if (made) return { kind: 'renderer', renderer: made };
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch (error) {
      return { kind: 'invalid', reason: `The citation style ${file} could not be read: ${(error as Error).message}` };
    }
    const read = readCitationStyle(xml);
    if (read.kind === 'invalid') return { kind: 'invalid', reason: `The citation style ${file} cannot be used: ${read.reason}.` };
    try {
      const renderer = new CitationRenderer(read.style, lang ?? read.style.defaultLocale ?? DEFAULT_LOCALE, (tag) => this.locale(tag));
      for (const key of this.renderers.keys()) if (key.startsWith(`${file}\n`) && key.endsWith(`\n${lang ?? ''}`)) this.renderers.delete(key);
      this.renderers.set(id, renderer);
      return { kind: 'renderer', renderer };
    } catch (error) {
      return { kind: 'invalid', reason: `The citation style ${file} cannot be used: ${(error as Error).message.split('\n')[0]}` };
    }
  }

  /** A shipped locale's XML (`en-GB`, or `de` for `de-DE`); undefined when none is shipped, and citeproc falls back on en-US. */
  private locale(tag: string): string | undefined {
    if (this.locales.has(tag)) return this.locales.get(tag);
    const names = [tag, ...(tag.includes('-') ? [] : [`${tag}-${tag.toUpperCase()}`, 'en-US'])];
    let xml: string | undefined;
    for (const name of names) {
      if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(name)) continue;
      try {
        xml = readFileSync(join(this.cslDir, 'locales', `locales-${name}.xml`), 'utf8');
        break;
      } catch {
        // not shipped: try the next
      }
    }
    this.locales.set(tag, xml);
    return xml;
  }
}
