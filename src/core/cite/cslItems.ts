// The one place a paper becomes the CSL item the citation styles format: its whole entry, as the library keeps it.
import { cslItemOf as entryOf } from '../formats/bibliography';
import type { Paper } from '../model/paper';
import type { CslData } from './noteMetadata';

/** The paper's CSL item (its entry whole, type and every field), keyed by its citation key. */
export function cslItemOf(paper: Paper): CslData {
  return { ...entryOf(paper), id: paper.key };
}
