/** Diffusion-based samplers (DIS, PIS, DDS, bridge, Langevin) and their priors. */
package dev.pathspace.samplers;
