import { test, expect } from '@playwright/test';
import { locatorFor, tapPointOf, textLocator, xpathLiteral } from '../../../packages/fixtures/src/platforms/mobile/selectors.js';
import { swipePath } from '../../../packages/fixtures/src/platforms/mobile/mobile-platform.js';

test('selector forms map to WebDriver strategies', () => {
  const strategy = (selector: string) => {
    const { using, value } = locatorFor(selector, false);
    return `${using} | ${value}`;
  };
  expect(strategy('~login')).toBe('accessibility id | login');
  expect(strategy('//android.widget.Button[@text="OK"]')).toBe('xpath | //android.widget.Button[@text="OK"]');
  expect(strategy('(//XCUIElementTypeCell)[2]')).toBe('xpath | (//XCUIElementTypeCell)[2]');
  expect(strategy('id=com.shop:id/cart')).toBe('id | com.shop:id/cart');
  expect(strategy('xpath=//a')).toBe('xpath | //a');
  expect(strategy('css=.cart')).toBe('css selector | .cart');
  expect(strategy('class=android.widget.EditText')).toBe('class name | android.widget.EditText');
  expect(strategy('android=new UiSelector().text("OK")')).toBe('-android uiautomator | new UiSelector().text("OK")');
  expect(strategy("ios=label == 'OK'")).toBe("-ios predicate string | label == 'OK'");
  expect(strategy('#username')).toBe('css selector | #username');
  expect(locatorFor('text=Sign in', true)).toEqual({ ...textLocator('Sign in', true), shown: 'text=Sign in' });
});

test('visible text matches native attributes in apps and text content in pages, whatever its quotes', () => {
  expect(textLocator('OK', false).value).toBe("//*[@text='OK' or @content-desc='OK' or @label='OK' or @name='OK' or @value='OK']");
  expect(textLocator('OK', true).value).toBe("//*[normalize-space(text())='OK' or @aria-label='OK' or (self::input and @value='OK')]");
  expect(xpathLiteral("it's")).toBe('"it\'s"');
  expect(xpathLiteral(`say "it's"`)).toBe(`concat('say "it', "'", 's"')`);
});

test('click targets: x,y and center are points, anything else is text', () => {
  expect(tapPointOf('120, 340')).toEqual({ x: 120, y: 340 });
  expect(tapPointOf('Center')).toBe('center');
  expect(tapPointOf('Sign in')).toBeUndefined();
  expect(tapPointOf('1,2,3')).toBeUndefined();
});

test('a swipe runs through the middle of its area, the finger moving the way it is named', () => {
  const screen = { x: 0, y: 0, width: 400, height: 800 };
  expect(swipePath(screen, { direction: 'up', distance: 0.5 })).toEqual({ from: { x: 200, y: 600 }, to: { x: 200, y: 200 } });
  expect(swipePath(screen, { direction: 'left', distance: 0.5 })).toEqual({ from: { x: 300, y: 400 }, to: { x: 100, y: 400 } });
  expect(swipePath({ x: 100, y: 100, width: 200, height: 100 }, { direction: 'down', distance: 1 })).toEqual({ from: { x: 200, y: 100 }, to: { x: 200, y: 200 } });
});
