import type { RawElement } from '../dom-transfer.js';
import type { Colors, Rgb } from './colors.js';

type TextStyle = NonNullable<RawElement['textStyle']>;
type Image = NonNullable<RawElement['image']>;

/**
 * Equal text styles and image facts as one shared object each, which the row encoding sends once
 * (it finds a table entry by identity). A page has a handful of text styles and repeats its images
 * (icons, avatars).
 */
export class Interned {
  // Found by background (one array per colour, see Styles.rounded), colour and size, then among
  // the few styles that share all three: no key string per element.
  private readonly textStyles = new Map<Rgb, Map<string, Map<number, TextStyle[]>>>();
  private readonly images = new Map<string, Image>();

  constructor(private readonly colors: Colors) {}

  textStyle(color: string, background: Rgb, uncertain: boolean | null, fontSizePx: number, bold: boolean | null): TextStyle {
    let byColor = this.textStyles.get(background);
    if (!byColor) this.textStyles.set(background, (byColor = new Map<string, Map<number, TextStyle[]>>()));
    let bySize = byColor.get(color);
    if (!bySize) byColor.set(color, (bySize = new Map<number, TextStyle[]>()));
    let alike = bySize.get(fontSizePx);
    if (!alike) bySize.set(fontSizePx, (alike = []));
    // A loop, not find(): a closure per element is garbage on a 10,000-element page.
    for (let i = 0; i < alike.length; i++) {
      const style = alike[i]!;
      if (style.backgroundUncertain === uncertain && style.bold === bold) return style;
    }
    const textStyle: TextStyle = { color: this.colors.parse(color), background, backgroundUncertain: uncertain, fontSizePx, bold };
    alike.push(textStyle);
    return textStyle;
  }

  image(hasAlt: boolean, decorative: boolean, named: boolean, broken: boolean, src: string): Image {
    const key = `${hasAlt}|${decorative}|${named}|${broken}|${src}`;
    let image = this.images.get(key);
    if (!image) this.images.set(key, (image = { hasAlt, decorative, named, broken, src }));
    return image;
  }
}
