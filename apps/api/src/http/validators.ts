import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '#directives';

/** Kebab-case ids: units, groups, directives (`rach-gia`, `126-cv-tu-2021`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Item ids: `<directiveId>.<number>`, or any id made of the same characters. */
export const ITEM_ID = /^[a-z0-9](?:[a-z0-9.-]{0,126}[a-z0-9])?$/;
const METRIC = /^[a-z][a-z0-9_]{0,63}$/;
const NOT_BLANK = /\S/;
export const MAX_METRICS = 20;
export const MAX_METRIC_VALUE = 1e12;

/** Says what is wrong with a value (after the property name), or nothing when it is valid. */
type Check = (value: unknown) => string | undefined;

/**
 * One validation rule per field, checked by one function: class-validator's cost grows with the
 * number of constraints, and every request runs them. The message names the field and the rule.
 */
export function rule(name: string, check: Check, options?: ValidationOptions): PropertyDecorator {
  return (object: object, property: string | symbol) => {
    const propertyName = String(property);
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => check(value) === undefined,
        defaultMessage: (args) => {
          const problem = check(args?.value) ?? 'is invalid';
          return problem.startsWith('.') ? `${propertyName}${problem}` : `${propertyName} ${problem}`;
        },
      },
    });
  };
}

const required = (value: unknown) => (value === undefined || value === null ? 'is required' : undefined);

/** A string of at most `max` characters that is not blank. */
export const IsText = (max: number) =>
  rule('isText', (v) => required(v) ?? (typeof v !== 'string' ? 'must be a string' : v.length > max ? `must be at most ${max} characters` : NOT_BLANK.test(v) ? undefined : 'must not be blank'));

/** A lowercase kebab-case id of at most 64 characters. */
export const IsSlug = () =>
  rule('isSlug', (v) => required(v) ?? (typeof v === 'string' && v.length <= 64 && SLUG.test(v) ? undefined : 'must be a lowercase kebab-case id (a-z, 0-9, "-"), at most 64 characters'));

/** A calendar date `YYYY-MM-DD` that exists. */
export const IsDateOnly = () => rule('isDateOnly', (v) => required(v) ?? (typeof v === 'string' && isCalendarDate(v) ? undefined : 'must be a calendar date YYYY-MM-DD'));

/** One of the given values. */
export const IsOneOf = (values: readonly string[]) =>
  rule('isOneOf', (v) => required(v) ?? (typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`));

/**
 * Cumulative metric values: an object of at most 20 entries, names in snake_case, values finite
 * numbers from 0 to 10^12. The message names the first offending entry.
 */
export const IsMetricValues = () => rule('isMetricValues', metricProblem);

function metricProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of metric values';
  const entries = Object.entries(value);
  if (entries.length === 0) return 'must name at least one metric';
  if (entries.length > MAX_METRICS) return `must not name more than ${MAX_METRICS} metrics`;
  for (const [name, v] of entries) {
    if (!METRIC.test(name)) return `.${name}: metric names must be snake_case (a-z, 0-9, _), at most 64 characters`;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_METRIC_VALUE) return `.${name} must be a number from 0 to ${MAX_METRIC_VALUE}`;
  }
  return undefined;
}

/** Validates an id taken from the path; a malformed one is a 400 naming the parameter. */
@Injectable()
export class PathIdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly pattern: RegExp = SLUG,
  ) {}

  transform(value: string): string {
    if (typeof value === 'string' && value.length <= 128 && this.pattern.test(value)) return value;
    const expected = this.pattern === SLUG ? 'a lowercase kebab-case id' : this.pattern === ITEM_ID ? 'an item id such as 126-cv-tu-2021.1' : 'a lowercase UUID';
    throw new BadRequestException({
      statusCode: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      message: `${this.name} is malformed (expected ${expected})`,
      errors: [{ field: this.name, rule: 'matches', message: `${this.name} is malformed (expected ${expected})` }],
    });
  }
}

export const ItemIdPipe = new PathIdPipe('itemId', ITEM_ID);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const uuidPipe = (name: string) => new PathIdPipe(name, UUID);
