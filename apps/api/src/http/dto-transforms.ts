import { Transform as transformerTransform, Type as transformerType, type TransformFnParams, type TransformOptions, type TypeHelpOptions, type TypeOptions } from 'class-transformer';

/** Classes with a field that class-transformer converts (`@Type`, `@Transform`). */
const converting = new WeakSet<object>();

/**
 * class-transformer's `@Type`, and a note that the class needs it: request DTOs import `Type` and
 * `Transform` from here, never from class-transformer (a test holds to that), so that the
 * validation pipe knows which bodies it must convert and which it may simply copy.
 */
export function Type(typeFunction?: (type?: TypeHelpOptions) => Function, options?: TypeOptions): PropertyDecorator {
  const decorate = transformerType(typeFunction, options);
  return (target, property) => {
    converting.add(target.constructor);
    decorate(target, property);
  };
}

/** class-transformer's `@Transform`, noted like `Type`. */
export function Transform(transformFn: (params: TransformFnParams) => unknown, options?: TransformOptions): PropertyDecorator {
  const decorate = transformerTransform(transformFn, options);
  return (target, property) => {
    converting.add(target.constructor);
    decorate(target, property);
  };
}

/**
 * Whether `plainToInstance` would do more for this class than copy the fields into a new
 * instance: some field of it or of a class it extends has `@Type` or `@Transform`.
 */
export function needsConversion(dto: Function): boolean {
  for (let cls: unknown = dto; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    if (converting.has(cls)) return true;
  }
  return false;
}
