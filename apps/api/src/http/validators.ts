import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '#directives';

/** Kebab-case ids: units, groups, directives (`rach-gia`, `126-cv-tu-2021`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Item ids: `<directiveId>.<number>`, or any id made of the same characters. */
export const ITEM_ID = /^[a-z0-9](?:[a-z0-9.-]{0,126}[a-z0-9])?$/;
const METRIC = /^[a-z][a-z0-9_]{0,63}$/;
export const MAX_METRICS = 20;
export const MAX_METRIC_VALUE = 1e12;

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOnly',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

/**
 * Cumulative metric values: an object of at most 20 entries, names in snake_case, values finite
 * numbers from 0 to 10^12. The message names the first offending entry.
 */
export function IsMetricValues(options?: ValidationOptions): PropertyDecorator {
  return (object: object, property: string | symbol) => {
    const propertyName = String(property);
    registerDecorator({
      name: 'isMetricValues',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => metricProblem(propertyName, value) === undefined,
        defaultMessage: (args) => metricProblem(propertyName, args?.value) ?? `${propertyName} is invalid`,
      },
    });
  };
}

function metricProblem(property: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${property} must be an object of metric values`;
  const entries = Object.entries(value);
  if (entries.length === 0) return `${property} must name at least one metric`;
  if (entries.length > MAX_METRICS) return `${property} must not name more than ${MAX_METRICS} metrics`;
  for (const [name, v] of entries) {
    if (!METRIC.test(name)) return `${property}.${name}: metric names must be snake_case (a-z, 0-9, _), at most 64 characters`;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_METRIC_VALUE) {
      return `${property}.${name} must be a number from 0 to ${MAX_METRIC_VALUE}`;
    }
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
    throw new BadRequestException({
      statusCode: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      message: `${this.name} is malformed (expected ${this.pattern === SLUG ? 'a lowercase kebab-case id' : this.pattern === ITEM_ID ? 'an item id such as 126-cv-tu-2021.1' : 'a lowercase UUID'})`,
      errors: [{ field: this.name, rule: 'matches', message: `${this.name} is malformed` }],
    });
  }
}

export const ItemIdPipe = new PathIdPipe('itemId', ITEM_ID);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const uuidPipe = (name: string) => new PathIdPipe(name, UUID);
