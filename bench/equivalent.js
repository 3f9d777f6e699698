// The plain-JavaScript equivalent of bench/size-views and bench/size-serde (the vendor's hello
// widget's own code): the host provides amocrm-sdk and dateformat, so this is all that ships.
define(['amocrm-sdk', 'dateformat'], function (initAmocrmWidgetSdk, dateFormat) {
  const WidgetSdk = initAmocrmWidgetSdk({ version: '1.0.0' });
  return function nowInAccountTimeFormat() {
    const sys = WidgetSdk.methods.getState(WidgetSdk.constants.PUBLIC_STATE_ENTITIES.sys);
    return sys ? dateFormat(Date.now(), sys.timeFormat) : '';
  };
});
