import { describe, expectTypeOf, it } from 'vitest';
import type {
  ServiceStatus,
  StatusChange,
  StatusNotification,
} from '@medianest/status-core';
import type {
  EngineModeDto,
  HealthDto,
  NotificationDto,
  ServiceStatusDto,
  StatusChangeDto,
  StatusClient,
  StatusEventDto,
} from '../src';

describe('API types derived from the router', () => {
  it('match what status-core produces, Dates included', () => {
    expectTypeOf<ServiceStatusDto>().toEqualTypeOf<ServiceStatus>();
    expectTypeOf<StatusChangeDto>().toEqualTypeOf<StatusChange>();
    expectTypeOf<NotificationDto>().toEqualTypeOf<StatusNotification>();
    expectTypeOf<ServiceStatusDto['lastCheck']>().toEqualTypeOf<
      Date | undefined
    >();
  });

  it('match what the client hands to subscribers', () => {
    // Compiled, never called: the checks are in the handlers' types.
    const subscribe = (client: StatusClient) => {
      client.status.onChange.subscribe(undefined, {
        onData: (event) => {
          expectTypeOf(event).toEqualTypeOf<StatusEventDto>();
        },
      });
      client.notifications.onEvent.subscribe(undefined, {
        onData: ({ data }) => {
          expectTypeOf(data).toEqualTypeOf<NotificationDto>();
        },
      });
    };
    expectTypeOf(subscribe).toBeFunction();
  });

  it('name the health fields a dashboard reads', () => {
    expectTypeOf<EngineModeDto>().toEqualTypeOf<
      'starting' | 'kuma' | 'probe'
    >();
    expectTypeOf<HealthDto['engine']['dialect']>().toEqualTypeOf<
      '1.23' | '2.x' | '3.0' | null
    >();
  });
});
