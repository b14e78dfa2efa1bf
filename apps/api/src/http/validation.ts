import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { needsConversion } from './dto-transforms.js';
import { memoiseRuleLookups } from './rule-lookups.js';

export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

const NOT_DTOS: readonly unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * Validates every request body and query against its DTO class with class-validator: unknown
 * fields are rejected, values are converted to the DTO's types, and a failure answers 400 naming
 * each field and rule:
 * `{code: 'REQUEST.VALIDATION_FAILED', errors: [{field: 'items[0].deadline', rule: 'isDateOnly', message}]}`.
 *
 * Synchronous on purpose: it runs on every command, and Nest's general ValidationPipe spends as
 * much in its awaits and generic checks as in the validation itself.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  constructor() {
    memoiseRuleLookups();
  }

  transform(value: unknown, { metatype, type }: ArgumentMetadata): unknown {
    if ((type !== 'body' && type !== 'query') || !metatype || NOT_DTOS.includes(metatype)) return value;
    if (value === undefined && type === 'query') value = {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw failure([{ field: type, rule: 'isObject', message: `the ${type} must be a JSON object` }]);
    }
    // A DTO none of whose fields is converted is only copied into an instance: plainToInstance
    // would give the same, walking the body and its metadata (a few percent of each command's CPU).
    const entity = needsConversion(metatype) ? (plainToInstance(metatype, value) as object) : Object.assign(new (metatype as new () => object)(), value);
    const errors = validateSync(entity, OPTIONS);
    if (errors.length > 0) throw failure(flatten(errors, ''));
    return entity;
  }
}

function failure(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'REQUEST.VALIDATION_FAILED',
    message: errors.map((e) => e.message).join('; '),
    errors,
  });
}

function flatten(errors: readonly ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = pathOf(prefix, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field: subField(field, error.property, message),
      rule,
      message:
        rule === 'whitelistValidation'
          ? `${field} is not a field of this request`
          : message.startsWith(error.property)
            ? `${field}${message.slice(error.property.length)}`
            : `${field}: ${message}`,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A rule on a map of values (metric values) names the offending entry in its message
 * (`metrics.cards_issued must be …`): report that entry as the field, so that a client can put
 * the error beside the entry's own input. An entry whose name is itself malformed stays on the map.
 */
function subField(field: string, property: string, message: string): string {
  const entry = message.startsWith(`${property}.`) ? /^([a-z0-9_]{1,64})[\s:]/.exec(message.slice(property.length + 1)) : null;
  return entry ? `${field}.${entry[1]}` : field;
}

function pathOf(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}
