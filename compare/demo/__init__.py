"""The bundled demo: an invented week of news, replayed through the real pipeline over loopback HTTP."""
