// Where the build puts the vision assets inside the extension, and where the worker looks for them.
export const MODEL_PATH = 'models/face_landmarker.task';
export const MEDIAPIPE_WASM_DIR = 'mediapipe';
// A module worker needs the ES-module build of the loader (DESIGN.md: forVisionTasks(base, true)).
export const MEDIAPIPE_WASM_FILES = ['vision_wasm_module_internal.js', 'vision_wasm_module_internal.wasm'] as const;
