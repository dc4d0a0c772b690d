"""The Qt windows of the point of sale. `ui` may import `pos`; `pos` never imports `ui`."""
