import { foldKanjiVariants } from './kanji-variants'

/**
 * The search key of a 漢字 name: NFKC, 異体字 folded to their common forms (髙→高, 﨑→崎, 邊/邉→辺 …), no spaces.
 * Stored in persons.name_key and applied to the query, so either spelling finds the other.
 */
export function normalizeKanjiName(text: string): string {
  return foldKanjiVariants(text.normalize('NFKC')).replace(/[\s\u3000]/g, '')
}
