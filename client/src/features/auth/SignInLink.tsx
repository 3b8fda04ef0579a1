import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { withReturnPath } from './return-path';

/** The raw `next` parameter of the current page: where sign-in or sign-up should bring the person back. */
export function useNextParam(): string | null {
  return useSearchParams()[0].get('next');
}

/**
 * A link to sign-in (or sign-up) that brings the person back to the page they are on once they are in. From
 * the sign-in or sign-up page itself, it passes on the way back that page was given.
 */
export function SignInLink({
  children,
  page = '/signin',
  className,
}: {
  children: ReactNode;
  page?: '/signin' | '/signup';
  className?: string;
}) {
  const { pathname, search, hash } = useLocation();
  const next = useNextParam();
  const onAuthPage = pathname === '/signin' || pathname === '/signup';
  return (
    <Link to={withReturnPath(page, onAuthPage ? next : `${pathname}${search}${hash}`)} className={className}>
      {children}
    </Link>
  );
}
