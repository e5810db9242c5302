// Enterprise size classification (工信部联企业〔2011〕300号) and industry sections (GB/T 4754-2017).
export * from './size';
export * from './industry-sections';
