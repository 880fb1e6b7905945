// The one place a paper becomes the CSL item the citation styles format, so that it can follow papers that keep their whole entry.
import { toCslItem } from '../formats/bibliography';
import type { Paper } from '../model/paper';
import type { CslData } from './noteMetadata';

/** The paper as a CSL item, keyed by its citation key; made from the fields a paper keeps. */
export function cslItemOf(paper: Paper): CslData {
  return { ...toCslItem(paper) };
}
