//! A store's week: the store on screen and in the address
//! ([`route::Timeline`], which asks the data worker for it, through the queue), its
//! drawing, legend and arithmetic. Depends on the report queue and the
//! shell.

pub mod drawing_layers;
pub mod drawing_scroll;
pub mod route;
pub mod store_timeline;
pub mod timeline_drawing;
pub mod timeline_legend;
pub mod window_arithmetic;
