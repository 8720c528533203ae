/**
 * Gestures a `click` plays instead of a tap, named in its `parameters`: the 27 action types of the
 * original schema stay fixed, so touch gestures ride on the action that already means "touch".
 */
export const GESTURES = ['back', 'swipe'] as const;
export type Gesture = (typeof GESTURES)[number];

export const SWIPE_DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
export type SwipeDirection = (typeof SWIPE_DIRECTIONS)[number];

/** A swipe covers this share of the screen (or of its element) unless `distance` says otherwise. */
export const DEFAULT_SWIPE_DISTANCE = 0.5;

export interface GestureRequest {
  gesture: Gesture;
  direction: SwipeDirection;
  distance: number;
}

/** The gesture a click's parameters ask for, or undefined for a plain tap. */
export function gestureOf(parameters: { gesture?: Gesture; direction?: SwipeDirection; distance?: number } | undefined): GestureRequest | undefined {
  if (!parameters?.gesture) return undefined;
  return { gesture: parameters.gesture, direction: parameters.direction ?? 'up', distance: parameters.distance ?? DEFAULT_SWIPE_DISTANCE };
}
