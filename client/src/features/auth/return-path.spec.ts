import { describe, expect, it } from 'vitest';
import { safeReturnPath, withReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query and hash', () => {
    expect(safeReturnPath('/consultations/abc?tab=threads#t1')).toBe('/consultations/abc?tab=threads#t1');
  });

  it('refuses anything that could leave the site or loop back to sign-in', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'consultations/abc',
      '/x\ny',
      '/signin?next=/x',
      '/SignIn',
      '/signup',
      '',
      null,
    ])
      expect(safeReturnPath(bad)).toBe('/');
  });
});

describe('withReturnPath', () => {
  it('carries the way back, and leaves the home page implicit', () => {
    expect(withReturnPath('/signin', '/consultations/a?x=1')).toBe(
      '/signin?next=%2Fconsultations%2Fa%3Fx%3D1',
    );
    expect(withReturnPath('/signup', '/')).toBe('/signup');
    expect(withReturnPath('/signin', '//evil.example')).toBe('/signin');
  });
});
