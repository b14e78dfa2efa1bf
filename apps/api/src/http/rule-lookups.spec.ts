import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage, IsInt, IsString, validateSync } from 'class-validator';
import { ReportProgressRequest } from '../items/report-progress/report-progress.request.dto.js';
import { memoiseRuleLookups } from './rule-lookups.js';

class Base {
  @IsString()
  name!: unknown;
}

class Child extends Base {
  @IsInt()
  count!: unknown;

  @IsString({ groups: ['strict'] })
  note!: unknown;
}

const failedFields = (object: object, groups?: string[]) =>
  validateSync(object, { forbidUnknownValues: true, ...(groups ? { groups } : {}) }).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`).sort();

describe('Memoised rule lookups (class-validator)', () => {
  const storage = getMetadataStorage();
  const original = storage.getTargetValidationMetadatas.bind(storage);
  const before = (target: Function, groups?: string[]) => original(target, '', false, false, groups).map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort();
  const expected = { child: before(Child), strict: before(Child, ['strict']), report: before(ReportProgressRequest) };
  let scans = 0;
  storage.getTargetValidationMetadatas = (...args) => ((scans += 1), original(...args));
  memoiseRuleLookups(storage);
  memoiseRuleLookups(storage); // a second pipe changes nothing

  it('answers as class-validator does, own and inherited rules, per set of groups, and scans once per class and options', () => {
    const after = (target: Function, groups?: string[]) => storage.getTargetValidationMetadatas(target, '', false, false, groups).map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort();
    expect(after(Child)).toEqual(expected.child);
    expect(after(Child, ['strict'])).toEqual(expected.strict);
    expect(after(ReportProgressRequest)).toEqual(expected.report);
    expect(expected.child).toEqual(expect.arrayContaining([expect.stringMatching(/^name:/), expect.stringMatching(/^count:/)]));
    scans = 0;
    const object = Object.assign(new Child(), { name: 1, count: 'x', note: 2 });
    // Without groups class-validator applies every rule, grouped or not; with `strict`, that group's only.
    for (let i = 0; i < 5; i++) expect(failedFields(object)).toEqual(['count:isInt', 'name:isString', 'note:isString']);
    expect(failedFields(object, ['strict'])).toEqual(['note:isString']);
    expect(scans).toBe(2);
  });

  it('forgets its answers when a class registers rules later, and never lets the validator change one', () => {
    class Later extends Base {
      @IsInt()
      late!: unknown;
    }
    expect(failedFields(Object.assign(new Later(), { name: 'ok', late: 'x' }))).toEqual(['late:isInt']);
    expect(failedFields(Object.assign(new Child(), { name: 'ok', count: 1, note: 'ok' }))).toEqual([]);
    expect(Object.isFrozen(storage.getTargetValidationMetadatas(Later, '', false, false))).toBe(true);
  });
});
