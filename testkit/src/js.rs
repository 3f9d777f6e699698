//! The bindings to `kit.js`, the browser half of the kit.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/kit.js")]
extern "C" {
    /// A cabinet: `{ ns, host, context, req, container }`.
    pub type CabinetJs;
    /// The host emulation's host object.
    pub type HostJs;
    /// The host emulation's lifecycle driver.
    #[derive(Clone)]
    pub type DriverJs;
    /// The console and listener recorder of one mount.
    #[derive(Clone)]
    pub type RecorderJs;
    /// `{ createGlue, state }`: what the shim's `createGlue` calls.
    pub type GlueJs;

    #[wasm_bindgen(catch, js_name = installRequirejs)]
    pub fn install_requirejs(source: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = loadHost)]
    pub fn load_host(source: &str) -> js_sys::Promise;
    #[wasm_bindgen(catch, js_name = createCabinet)]
    pub fn create_cabinet(
        ns: &JsValue,
        state: &JsValue,
        router_query: &JsValue,
        vendor: &js_sys::Array,
        aliases: &js_sys::Array,
    ) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = removeCabinet)]
    pub fn remove_cabinet(cabinet: &CabinetJs);
    #[wasm_bindgen(js_name = fixtureLead)]
    pub fn fixture_lead(cabinet: &CabinetJs, id: &str) -> JsValue;
    #[wasm_bindgen(js_name = fixtureLeadIds)]
    pub fn fixture_lead_ids(cabinet: &CabinetJs) -> Vec<String>;
    #[wasm_bindgen(method, getter)]
    pub fn host(this: &CabinetJs) -> HostJs;

    #[wasm_bindgen(js_name = makeGlue)]
    pub fn make_glue(fns: &js_sys::Object) -> GlueJs;
    #[wasm_bindgen(js_name = glueThrown)]
    pub fn glue_thrown(glue: &GlueJs) -> Option<String>;
    #[wasm_bindgen(catch, js_name = loadWidget)]
    pub fn load_widget(
        cabinet: &CabinetJs,
        shim: &str,
        glue: &GlueJs,
    ) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = createRecorder)]
    pub fn create_recorder() -> RecorderJs;
    #[wasm_bindgen(js_name = startRecorder)]
    pub fn start_recorder(rec: &RecorderJs);
    #[wasm_bindgen(js_name = stopRecorder)]
    pub fn stop_recorder(rec: &RecorderJs);
    #[wasm_bindgen(js_name = consoleEntries)]
    pub fn console_entries(rec: &RecorderJs) -> js_sys::Array;
    #[wasm_bindgen(js_name = clearConsole)]
    pub fn clear_console(rec: &RecorderJs);
    #[wasm_bindgen(js_name = listenersLeft)]
    pub fn listeners_left(rec: &RecorderJs) -> Vec<String>;

    #[wasm_bindgen(catch, js_name = createDriver)]
    pub fn create_driver(
        cabinet: &CabinetJs,
        widget: &JsValue,
        token: &js_sys::Function,
        slot_shape: &str,
    ) -> Result<DriverJs, JsValue>;
    #[wasm_bindgen(catch, method, js_name = openLead)]
    pub fn open_lead(this: &DriverJs, lead: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, js_name = leaveLead)]
    pub fn leave_lead(this: &DriverJs) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = slotElement)]
    pub fn slot_element(this: &DriverJs) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = slotContent)]
    pub fn slot_content(this: &DriverJs) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = activeLead)]
    pub fn active_lead(this: &DriverJs) -> Option<String>;
    #[wasm_bindgen(js_name = driverErrors)]
    pub fn driver_errors(driver: &DriverJs) -> Vec<String>;
    #[wasm_bindgen(js_name = driverLog)]
    pub fn driver_log(driver: &DriverJs) -> Vec<String>;
    #[wasm_bindgen(js_name = widgetStats)]
    pub fn widget_stats(widget: &JsValue) -> JsValue;

    #[wasm_bindgen(catch, method, js_name = setState)]
    pub fn set_state(this: &HostJs, entity: &str, value: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = getStateSnapshot)]
    pub fn state_snapshot(this: &HostJs) -> JsValue;
    #[wasm_bindgen(method, js_name = setRouterQuery)]
    pub fn set_router_query(this: &HostJs, value: &JsValue);
    #[wasm_bindgen(method, js_name = liveSubscriptions)]
    pub fn live_subscriptions(this: &HostJs) -> u32;
    #[wasm_bindgen(method, js_name = breakMethod)]
    pub fn break_method(this: &HostJs, method: &str, thrown: &JsValue);
    #[wasm_bindgen(method, js_name = answerWith)]
    pub fn answer_with(this: &HostJs, method: &str, value: &JsValue);
    #[wasm_bindgen(method)]
    pub fn repair(this: &HostJs, method: &str);

    #[wasm_bindgen(js_name = nextTick)]
    pub fn next_tick() -> js_sys::Promise;
    #[wasm_bindgen(js_name = describeValue)]
    pub fn describe(value: &JsValue) -> String;
    #[wasm_bindgen(catch, js_name = parseJson)]
    pub fn parse_json(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = stringifyJson)]
    pub fn stringify_json(value: &JsValue) -> Result<String, JsValue>;
}
