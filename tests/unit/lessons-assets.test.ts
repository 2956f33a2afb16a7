// Pack images reach the learner inline: the renderer accepts data: images only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFolder } from '../fixtures/packs/helpers.ts';
import { inlineAssets } from '../../core/lessons/markdown.ts';
import { LessonPlayer, loadPack } from '../../core/lessons/player.ts';

describe('pack images', () => {
  it('are inlined as data URLs in the narrative', () => {
    const root = join(__dirname, '..', '..', 'docs', 'examples', 'pack');
    const files = readFolder(root);
    const { pack } = loadPack(files, 'built-in');
    const player = new LessonPlayer(pack!, 'two-processes', undefined);
    player.goTo(2);
    const narrative = player.view().step.narrative;
    expect(narrative).toMatch(/!\[A 16-bit address[^\]]*\]\(data:image\/png;base64,iVBORw0KGgo/);
    expect(narrative).not.toContain('](assets/');
  });

  it('leaves unknown and non-asset images alone', () => {
    const assets = new Map([['assets/a.png', new Uint8Array([1, 2, 3])]]);
    expect(inlineAssets('![x](assets/b.png) ![y](https://e/x.png)', assets)).toBe('![x](assets/b.png) ![y](https://e/x.png)');
    expect(inlineAssets('![x](assets/a.png "t")', assets)).toBe('![x](data:image/png;base64,AQID "t")');
  });
});
