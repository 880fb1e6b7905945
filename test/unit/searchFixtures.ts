/**
 * A BibTeX library for the search tests, beside the seed papers: entries with authors, years,
 * venues, DOIs and keys as reference managers write them (`DBLP:…`, `smith_2018`). Titles,
 * authors, years, venues and DOIs are the papers' public bibliographic record; the abstracts
 * are short summaries written for these tests.
 */
export const SEARCH_BIBTEX = String.raw`@article{hinton2006fast,
  author   = {Hinton, Geoffrey E. and Osindero, Simon and Teh, Yee-Whye},
  title    = {A Fast Learning Algorithm for Deep Belief Nets},
  journal  = {Neural Computation},
  year     = {2006},
  doi      = {10.1162/neco.2006.18.7.1527},
  keywords = {restricted Boltzmann machines, greedy layer-wise training},
  abstract = {We show how complementary priors eliminate explaining-away effects that make
              inference difficult in densely connected belief nets with many hidden layers.}
}

@book{scholkopf2002learning,
  author    = {Sch{\"o}lkopf, Bernhard and Smola, Alexander J.},
  title     = {Learning with Kernels},
  publisher = {MIT Press},
  year      = {2002},
  abstract  = {Support vector machines and other kernel methods, from regularization to estimation.}
}

@inproceedings{damgard1989design,
  author    = {Damg{\aa}rd, Ivan Bjerre},
  title     = {A Design Principle for Hash Functions},
  booktitle = {Advances in Cryptology (CRYPTO '89)},
  year      = {1989},
  abstract  = {A construction of collision-free hash functions from collision-free compression functions.}
}

@article{DBLP:journals/corr/Smith18,
  author  = {Smith, Leslie N.},
  title   = {A Disciplined Approach to Neural Network Hyper-Parameters: Part 1},
  journal = {CoRR},
  year    = {2018},
  abstract = {Learning rate, batch size, momentum and weight decay, tuned together by watching the
              validation loss early in training.}
}

@misc{smith_2018,
  author = {Smith, Jane},
  title  = {Sparse Grippers for Cluttered Shelves},
  year   = {2018},
  abstract = {A gripper design for picking items from cluttered warehouse shelves.}
}

@inproceedings{salakhutdinov2009deep,
  author    = {Salakhutdinov, Ruslan and Hinton, Geoffrey},
  title     = {Deep Boltzmann Machines},
  booktitle = {Proceedings of the Twelfth International Conference on Artificial Intelligence and Statistics},
  year      = {2009},
  abstract  = {A learning algorithm for Boltzmann machines with many layers of hidden variables.}
}

@inproceedings{kingma2015adam,
  author    = {Kingma, Diederik P. and Ba, Jimmy},
  title     = {Adam: A Method for Stochastic Optimization},
  booktitle = {3rd International Conference on Learning Representations, {ICLR} 2015},
  year      = {2015},
  doi       = {10.48550/arXiv.1412.6980},
  abstract  = {First-order gradient-based optimization of stochastic objective functions,
               from adaptive estimates of lower-order moments.}
}
`;
